terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "log_group" {
  source = "./modules/cloudwatch/modules/log-group"

  name_prefix       = "my-log-group-"
  retention_in_days = 7
}

module "log_stream" {
  source = "./modules/cloudwatch/modules/log-stream"

  name           = "my-log-stream"
  log_group_name = module.log_group.cloudwatch_log_group_name
}

module "log_group_wrapped" {
  source = "./modules/cloudwatch/wrappers/log-group"

  defaults = {
    retention_in_days = 30
  }

  items = {
    "one" = {
      name_prefix = "my-log-group-wrapper1-"
    }
    "two" = {
      name_prefix       = "my-log-group-wrapper2-"
      retention_in_days = 14
      log_group_class   = "INFREQUENT_ACCESS"
    }
  }
}
