terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "labels" {
  source = "./modules/labels"

  enabled        = true
  case_sensitive = true
  name           = "labels"
  environment    = "test"
  label_order    = ["name", "environment"]
  attributes     = ["private"]
  extra_tags = {
    Application = "CloudDrove"
  }
}

module "labels_lower" {
  source = "./modules/labels"

  name        = "Orders-API"
  environment = "PROD"
  label_order = ["environment", "name"]
  attributes  = ["Blue", "", "V2"]
  delimiter   = "_"
  managedby   = "Platform@Example.com"
}

module "labels_off" {
  source = "./modules/labels"

  enabled     = false
  name        = "unused"
  environment = "test"
}

module "labels_derived" {
  source = "./modules/labels"

  name        = module.labels.name
  environment = module.labels_lower.environment
  repository  = "https://example.com/infra"
}

resource "aws_sqs_queue" "orders" {
  name = module.labels_lower.id
  tags = module.labels_lower.tags
}

resource "aws_sns_topic" "events" {
  name = module.labels.id
  tags = module.labels.tags
}

resource "aws_cloudwatch_log_group" "derived" {
  name = "/labels/${module.labels_derived.id}"
  tags = module.labels_derived.tags
}

output "off_id" {
  value = module.labels_off.id
}

output "off_tags" {
  value = module.labels_off.tags
}

output "lower_attributes" {
  value = module.labels_lower.attributes
}
