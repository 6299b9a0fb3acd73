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
  azs     = ["eu-west-1a", "eu-west-1b"]
  subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_kms_key" "efs" {}

module "efs" {
  source = "./modules/efs"

  name           = "efs-example"
  creation_token = "efs-example"
  encrypted      = true
  kms_key_arn    = aws_kms_key.efs.arn

  lifecycle_policy = {
    transition_to_ia                    = "AFTER_30_DAYS"
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }

  attach_policy                             = true
  deny_nonsecure_transport_via_mount_target = false
  bypass_policy_lockout_safety_check        = false
  policy_statements = [
    {
      sid     = "Example"
      actions = ["elasticfilesystem:ClientMount"]
      principals = [
        {
          type        = "AWS"
          identifiers = ["arn:aws:iam::123456789012:role/app"]
        }
      ]
    }
  ]

  mount_targets              = { for k, v in zipmap(local.azs, local.subnets) : k => { subnet_id = v } }
  security_group_description = "Example EFS security group"
  security_group_vpc_id      = "vpc-0123456789abcdef0"
  security_group_rules = {
    vpc = {
      description = "NFS ingress from VPC private subnets"
      cidr_blocks = ["10.0.1.0/24", "10.0.2.0/24"]
    }
  }

  access_points = {
    posix_example = {
      name = "posix-example"
      posix_user = {
        gid            = 1001
        uid            = 1001
        secondary_gids = [1002]
      }
    }
    root_example = {
      root_directory = {
        path = "/example"
        creation_info = {
          owner_gid   = 1001
          owner_uid   = 1001
          permissions = "755"
        }
      }
    }
  }

  enable_backup_policy = true

  tags = {
    Example = "efs"
  }
}

module "efs_default" {
  source = "./modules/efs"

  name = "efs-example-default"
}
