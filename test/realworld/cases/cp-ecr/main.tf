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

module "ecr" {
  source = "./modules/ecr"

  namespace = "eg"
  stage     = "test"
  name      = "ecr-test"

  image_names          = ["eg-test-api", "eg-test-worker"]
  image_tag_mutability = "IMMUTABLE"
  scan_images_on_push  = true
  max_image_count      = 50
  protected_tags       = ["prod", "release-"]

  principals_readonly_access = ["arn:aws:iam::111122223333:role/ci-reader"]
  principals_push_access     = ["arn:aws:iam::111122223333:role/ci-builder"]

  custom_lifecycle_rules = [
    {
      description = "Keep 5 dev images"
      selection = {
        tagStatus     = "tagged"
        countType     = "imageCountMoreThan"
        countNumber   = 5
        tagPrefixList = ["dev-"]
      }
      action = {
        type = "expire"
      }
    }
  ]

  encryption_configuration = {
    encryption_type = "AES256"
    kms_key         = null
  }
}

module "scan_config" {
  source = "./modules/ecr//modules/scanning_configuration"

  namespace = "eg"
  stage     = "test"
  name      = "ecr-test"

  scan_config = {
    scan_type = "ENHANCED"
    rules = [{
      scan_frequency = "CONTINUOUS_SCAN"
      repository_filter = [{
        filter = "*"
      }]
    }]
  }
}

output "repository_url_map" {
  value = module.ecr.repository_url_map
}

output "registry_id" {
  value = module.ecr.registry_id
}
