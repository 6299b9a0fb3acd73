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

module "cloudtrail" {
  source = "./modules/cloudtrail"

  namespace = "eg"
  stage     = "test"
  name      = "cloudtrail-test"

  enable_logging                = true
  enable_log_file_validation    = true
  include_global_service_events = false
  is_multi_region_trail         = false
  is_organization_trail         = false
  s3_bucket_name                = "eg-test-cloudtrail-test"
  advanced_event_selector = [
    {
      name = "WriteOnly"
      field_selector = [
        {
          field  = "eventCategory"
          equals = ["Data"]
        },
        {
          field  = "resources.type"
          equals = ["AWS::Lambda::Function"]
        },
        {
          field  = "readOnly"
          equals = ["false"]
      }]
    }
  ]
}

output "cloudtrail_id" {
  value = module.cloudtrail.cloudtrail_id
}

output "cloudtrail_arn" {
  value = module.cloudtrail.cloudtrail_arn
}
