terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.28"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "ex-karpenter"

  tags = {
    Example    = local.name
    GithubRepo = "terraform-aws-eks"
    GithubOrg  = "terraform-aws-modules"
  }
}

module "karpenter" {
  source = "./modules/eks/modules/karpenter"

  cluster_name = local.name

  node_iam_role_use_name_prefix   = false
  node_iam_role_name              = local.name
  create_pod_identity_association = true

  node_iam_role_additional_policies = {
    AmazonSSMManagedInstanceCore = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
  }

  tags = local.tags
}

output "queue_name" {
  value = module.karpenter.queue_name
}

output "node_iam_role_name" {
  value = module.karpenter.node_iam_role_name
}

output "iam_role_arn" {
  value = module.karpenter.iam_role_arn
}
