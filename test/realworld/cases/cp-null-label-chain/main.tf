terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "label1" {
  source      = "./modules/label"
  namespace   = "CloudPosse"
  tenant      = "H.R.H"
  environment = "UAT"
  stage       = "build"
  name        = "Winston Churchroom"
  attributes  = ["fire", "water", "earth", "air"]

  label_order = ["name", "tenant", "environment", "stage", "attributes"]

  tags = {
    "City"        = "Dublin"
    "Environment" = "Private"
  }
}

module "label2" {
  source              = "./modules/label"
  context             = module.label1.context
  name                = "Charlie"
  tenant              = ""
  stage               = "test"
  delimiter           = "+"
  regex_replace_chars = "/[^a-zA-Z0-9-+]/"

  additional_tag_map = {
    propagate_at_launch = true
    additional_tag      = "yes"
  }

  tags = {
    "City"        = "London"
    "Environment" = "Public"
  }

  labels_as_tags = ["stage"]
}

module "label3c" {
  source              = "./modules/label"
  name                = "Starfish"
  stage               = "release"
  context             = module.label1.context
  delimiter           = "."
  regex_replace_chars = "/[^-a-zA-Z0-9.]/"

  tags = {
    "Eat"    = "Carrot"
    "Animal" = "Rabbit"
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/${module.label1.id}"
  retention_in_days = 7
  tags              = module.label1.tags
}

resource "aws_ssm_parameter" "label2" {
  name  = "/labels/${module.label3c.id}"
  type  = "String"
  value = module.label2.id
  tags  = module.label3c.tags
}

output "label1" {
  value = {
    id         = module.label1.id
    name       = module.label1.name
    namespace  = module.label1.namespace
    stage      = module.label1.stage
    tenant     = module.label1.tenant
    attributes = module.label1.attributes
    delimiter  = module.label1.delimiter
  }
}

output "label2_tags_as_list_of_maps" {
  value = module.label2.tags_as_list_of_maps
}

output "label3c_normalized_context" {
  value = module.label3c.normalized_context
}
