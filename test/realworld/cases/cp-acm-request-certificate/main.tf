terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-west-1"
}

module "acm_request_certificate" {
  source = "./modules/acm-request-certificate"

  namespace = "eg"
  stage     = "test"
  name      = "test-zone-2"

  domain_name                       = "test-zone-2.testing.cloudposse.co"
  validation_method                 = "DNS"
  ttl                               = "300"
  subject_alternative_names         = ["*.test-zone-2.testing.cloudposse.co"]
  process_domain_validation_options = false
  wait_for_certificate_issued       = false
}

output "id" {
  value = module.acm_request_certificate.id
}

output "arn" {
  value = module.acm_request_certificate.arn
}

output "domain_validation_options" {
  value = module.acm_request_certificate.domain_validation_options
}

output "validation_id" {
  value = module.acm_request_certificate.validation_id
}
