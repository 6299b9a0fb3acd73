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

module "bootstrap" {
  source = "./modules/bootstrap"

  region               = "us-west-2"
  account_alias        = "truss-bootstrap-test"
  dynamodb_table_name  = "terraform-state-lock"
  manage_account_alias = false
}

output "state_bucket" {
  value = module.bootstrap.state_bucket
}

output "logging_bucket" {
  value = module.bootstrap.logging_bucket
}

output "dynamodb_table" {
  value = module.bootstrap.dynamodb_table
}
