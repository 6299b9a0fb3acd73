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
  domain_name = "example.com"
}

resource "aws_route53_zone" "this" {
  name = local.domain_name
}

module "acm" {
  source = "./modules/acm"

  domain_name = local.domain_name
  zone_id     = aws_route53_zone.this.zone_id

  subject_alternative_names = [
    "*.${local.domain_name}",
  ]

  validation_method   = "EMAIL"
  wait_for_validation = false

  tags = {
    Name = local.domain_name
  }
}

output "certificate_arn" {
  value = module.acm.acm_certificate_arn
}
