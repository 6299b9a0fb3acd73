terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-2"
}

module "kms_key" {
  source = "./modules/kms-key"

  namespace = "eg"
  stage     = "test"
  name      = "logs"

  description             = "Log group key"
  deletion_window_in_days = 7
  enable_key_rotation     = true
}

module "cloudwatch_log" {
  source = "./modules/cloudwatch-logs"

  namespace  = "eg"
  stage      = "test"
  name       = "app/api"
  attributes = ["access"]

  stream_names      = ["simple_1", "simple_2"]
  retention_in_days = 90
  kms_key_arn       = module.kms_key.key_arn

  principals = {
    Service = ["ec2.amazonaws.com"]
  }
}

output "log_group_name" {
  value = module.cloudwatch_log.log_group_name
}

output "stream_arns" {
  value = module.cloudwatch_log.stream_arns
}

output "role_arn" {
  value = module.cloudwatch_log.role_arn
}
