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

module "secret" {
  source = "./modules/secrets-manager"

  name                    = "plain-example"
  description             = "A secret with a given value"
  recovery_window_in_days = 7
  secret_string           = jsonencode({ user = "app", password = "not-a-real-password" })

  tags = {
    Example = "secrets-manager"
  }
}
