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

module "kms" {
  source = "./modules/kms"

  deletion_window_in_days = 7
  description             = "Complete key example showing various configurations available"
  enable_key_rotation     = true
  is_enabled              = true
  key_usage               = "ENCRYPT_DECRYPT"
  multi_region            = false

  enable_default_policy             = true
  key_owners                        = ["arn:aws:iam::123456789012:role/owner"]
  key_administrators                = ["arn:aws:iam::123456789012:role/admin"]
  key_users                         = ["arn:aws:iam::123456789012:role/user"]
  key_service_users                 = ["arn:aws:iam::123456789012:role/service"]
  key_symmetric_encryption_users    = ["arn:aws:iam::123456789012:role/sym"]
  key_service_roles_for_autoscaling = ["arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"]
  source_policy_documents           = []
  override_policy_documents         = []
  enable_route53_dnssec             = false

  aliases                 = ["one", "foo/bar"]
  aliases_use_name_prefix = true

  grants = {
    lambda = {
      grantee_principal = "arn:aws:iam::123456789012:role/lambda"
      operations        = ["Encrypt", "Decrypt", "GenerateDataKey"]
      constraints = {
        encryption_context_equals = {
          Department = "Finance"
        }
      }
    }
  }

  tags = {
    Example = "kms"
  }
}

output "key_arn" {
  value = module.kms.key_arn
}
