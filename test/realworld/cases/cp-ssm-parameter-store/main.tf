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
  name      = "ssm-parameter-store"

  description             = "terraform-aws-ssm-parameter-store test KMS key"
  deletion_window_in_days = 10
  enable_key_rotation     = true
  alias                   = "alias/parameter_store_key"
}

resource "aws_ssm_parameter" "preexisting" {
  name  = "/production/test/master/preexisting_key"
  type  = "SecureString"
  value = "preexisting_value"
}

module "store" {
  source = "./modules/ssm-parameter-store"

  namespace = "eg"
  stage     = "test"
  name      = "ssm-parameter-store"
  tags = {
    ManagedBy = "Terraform"
  }

  parameter_write = [
    {
      name      = "/production/test/master/users"
      value     = "John,Todd"
      type      = "StringList"
      overwrite = "true"
    },
    {
      name      = "/production/test/master/password"
      value     = "somepassword"
      type      = "SecureString"
      overwrite = "true"
    },
    {
      name        = "/production/test/master/company"
      value       = "Amazon"
      type        = "String"
      overwrite   = "true"
      description = "Company name"
    }
  ]
  kms_arn = module.kms_key.key_arn

  depends_on = [
    aws_ssm_parameter.preexisting
  ]
}

module "store_seeded" {
  source = "./modules/ssm-parameter-store"

  namespace            = "eg"
  stage                = "test"
  name                 = "seeded"
  ignore_value_changes = true

  parameter_write = [
    {
      name  = "/production/test/seeded/token"
      value = "rotate-me"
    }
  ]
}

output "store_arn_map" {
  value = module.store.arn_map
}

output "store_names" {
  value = module.store.names
}

output "seeded_map" {
  value     = module.store_seeded.map
  sensitive = true
}
