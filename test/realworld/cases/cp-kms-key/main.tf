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
  name      = "kms-key-test"

  description             = "Test KMS key"
  deletion_window_in_days = 7
  enable_key_rotation     = false
}

module "kms_key_disabled" {
  source = "./modules/kms-key"

  enabled   = false
  namespace = "eg"
  stage     = "test"
  name      = "kms-key-off"

  description = "Never created"
}

resource "aws_ssm_parameter" "key" {
  name   = "/eg/test/kms-key-test"
  type   = "SecureString"
  value  = "secret"
  key_id = module.kms_key.key_id
}

output "key_arn" {
  value = module.kms_key.key_arn
}

output "alias_name" {
  value = module.kms_key.alias_name
}

output "disabled_key_arn" {
  value = module.kms_key_disabled.key_arn
}
