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

locals {
  parameters = {
    "string" = {
      type        = "String"
      value       = "string-value"
      tier        = "Intelligent-Tiering"
      description = "String parameter"
    }
    "list_as_values" = {
      type   = "StringList"
      values = ["item1", "item2"]
    }
    "secure" = {
      type        = "SecureString"
      value       = "secret123123!!!"
      description = "SecureString"
    }
  }
}

module "multiple" {
  source = "./modules/ssm-parameter"

  for_each = local.parameters

  name        = try(each.value.name, each.key)
  value       = try(each.value.value, null)
  values      = try(each.value.values, [])
  type        = try(each.value.type, null)
  description = try(each.value.description, null)
  tier        = try(each.value.tier, null)

  tags = {
    Example = "ssm"
  }
}

module "ignore_value_changes" {
  source = "./modules/ssm-parameter"

  ignore_value_changes = true

  name  = "ignore-value-changes"
  value = "initial"
}
