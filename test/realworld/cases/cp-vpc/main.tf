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

module "vpc" {
  source = "./modules/vpc"

  namespace = "eg"
  stage     = "test"
  name      = "vpc-subnets"

  ipv4_primary_cidr_block = "172.16.0.0/16"
  ipv4_additional_cidr_block_associations = {
    "172.22.0.0/16" = {
      ipv4_cidr_block     = "172.22.0.0/16"
      ipv4_ipam_pool_id   = null
      ipv4_netmask_length = null
    }
  }
  ipv4_cidr_block_association_timeouts = {
    create = "3m"
    delete = "5m"
  }

  assign_generated_ipv6_cidr_block = true

  default_security_group_deny_all       = true
  default_route_table_no_routes         = true
  default_network_acl_deny_all          = true
  network_address_usage_metrics_enabled = true
}

module "vpc_disabled" {
  source  = "./modules/vpc"
  enabled = false

  namespace = "eg"
  stage     = "test"
  name      = "vpc-subnets"

  ipv4_primary_cidr_block          = "172.16.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

output "vpc_id" {
  value = module.vpc.vpc_id
}

output "vpc_cidr_block" {
  value = module.vpc.vpc_cidr_block
}

output "additional_cidr_blocks" {
  value = module.vpc.additional_cidr_blocks
}

output "disabled_vpc_id" {
  value = module.vpc_disabled.vpc_id
}
