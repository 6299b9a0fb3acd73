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

variable "environments" {
  type    = list(string)
  default = ["dev", "staging", "prod"]
}

variable "team_keys" {
  type = map(object({
    rotation = bool
    window   = number
  }))
  default = {
    placeholder = { rotation = false, window = 30 }
  }
}

module "env_key" {
  source = "./modules/kms-key"
  count  = length(var.environments)

  namespace = "eg"
  stage     = var.environments[count.index]
  name      = "app"

  description             = "App key for ${var.environments[count.index]}"
  deletion_window_in_days = 7
  enable_key_rotation     = var.environments[count.index] == "prod"
}

module "team_key" {
  source   = "./modules/kms-key"
  for_each = var.team_keys

  namespace  = "eg"
  stage      = "shared"
  name       = each.key
  attributes = ["team"]

  description             = "Key of team ${each.key}"
  deletion_window_in_days = each.value.window
  enable_key_rotation     = each.value.rotation
}

output "env_key_arns" {
  value = module.env_key[*].key_arn
}

output "team_aliases" {
  value = { for k, m in module.team_key : k => m.alias_name }
}
