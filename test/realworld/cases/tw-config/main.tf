terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-west-2"
}

module "config" {
  source = "./modules/config"

  config_name        = "config-simple-test"
  config_logs_bucket = "truss-config-logs-test"
  config_logs_prefix = "config"

  tags = {
    "Automation" = "Terraform"
    "Name"       = "config-simple-test"
  }
}

output "aws_config_role_arn" {
  value = module.config.aws_config_role_arn
}

output "required_tags_rule_arn" {
  value = module.config.required_tags_rule_arn
}
