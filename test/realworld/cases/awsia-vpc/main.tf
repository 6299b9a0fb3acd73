terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0.0"
    }
    awscc = {
      source  = "hashicorp/awscc"
      version = ">= 1.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

provider "awscc" {
  region = "eu-west-1"
}

locals {
  azs = ["eu-west-1a", "eu-west-1c"]
}

module "vpc" {
  source = "./modules/vpc"

  name       = "basic-example-vpc"
  cidr_block = "10.0.0.0/16"
  azs        = local.azs

  vpc_assign_generated_ipv6_cidr_block = true
  vpc_egress_only_internet_gateway     = true

  subnets = {
    public = {
      netmask                   = 24
      nat_gateway_configuration = "all_azs"
      assign_ipv6_cidr          = true
    }
    private_ipv4_only = {
      netmask                 = 24
      connect_to_public_natgw = true
    }
    private_dualstack = {
      netmask                 = 24
      connect_to_public_natgw = true
      assign_ipv6_cidr        = true
      connect_to_eigw         = true
    }
    private_ipv6_only = {
      assign_ipv6_cidr = true
      ipv6_native      = true
      connect_to_eigw  = true
    }
  }

  vpc_flow_logs = {
    name_override        = "basic-vpc-flowlogs"
    log_destination_type = "cloud-watch-logs"
    retention_in_days    = 7
  }

  tags = {
    project = "unmodule"
  }
}

module "secondary_cidr_block" {
  source = "./modules/vpc"

  name               = "advanced-example-secondary-cidr"
  vpc_id             = module.vpc.vpc_attributes.id
  create_vpc         = false
  vpc_secondary_cidr = true

  cidr_block = "10.100.0.0/16"
  azs        = [local.azs[0]]

  vpc_secondary_cidr_natgw = { for k, v in module.vpc.nat_gateway_attributes_by_az : k => { id = v.id } }

  subnets = {
    private_secondary_cidr = {
      netmask                 = 28
      connect_to_public_natgw = true
    }
  }
}

output "private_subnets" {
  value = module.vpc.private_subnet_attributes_by_az
}

output "secondary_subnets" {
  value = module.secondary_cidr_block.private_subnet_attributes_by_az
}
