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

module "secrets_manager" {
  source = "./modules/secrets-manager"

  name_prefix             = "example-"
  description             = "Example Secrets Manager secret"
  recovery_window_in_days = 0
  replica = {
    us-east-1 = {}
    another = {
      region = "us-west-2"
    }
  }

  create_policy       = true
  block_public_policy = true
  policy_statements = {
    read = {
      sid = "AllowAccountRead"
      principals = [{
        type        = "AWS"
        identifiers = ["arn:aws:iam::123456789012:root"]
      }]
      actions   = ["secretsmanager:GetSecretValue"]
      resources = ["*"]
    }
  }

  create_random_password           = true
  random_password_length           = 64
  random_password_override_special = "!@#$%^&*()_+"

  tags = {
    Example = "secrets-manager"
  }
}
