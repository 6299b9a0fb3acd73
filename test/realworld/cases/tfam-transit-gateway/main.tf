terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "ex-tgw-complete"

  tags = {
    Example    = local.name
    GithubRepo = "terraform-aws-transit-gateway"
    GithubOrg  = "terraform-aws-modules"
  }
}

module "tgw" {
  source = "./modules/transit-gateway"

  name            = local.name
  description     = "My TGW shared with several other AWS accounts"
  amazon_side_asn = 64532

  transit_gateway_cidr_blocks = ["10.99.0.0/24"]

  # When "true" there is no need for RAM resources if using multiple AWS accounts
  enable_auto_accept_shared_attachments = true

  # When "true", SG referencing support is enabled at the Transit Gateway level
  enable_sg_referencing_support = true

  # When "true", allows service discovery through IGMP
  enable_multicast_support = false

  vpc_attachments = {
    vpc1 = {
      vpc_id                             = "vpc-0aaaaaaaaaaaaaaa1"
      subnet_ids                         = ["subnet-0aaaaaaaaaaaaaa01", "subnet-0aaaaaaaaaaaaaa02", "subnet-0aaaaaaaaaaaaaa03"]
      security_group_referencing_support = true
      dns_support                        = true
      ipv6_support                       = true

      transit_gateway_default_route_table_association = false
      transit_gateway_default_route_table_propagation = false

      tgw_routes = [
        {
          destination_cidr_block = "30.0.0.0/16"
        },
        {
          blackhole              = true
          destination_cidr_block = "0.0.0.0/0"
        }
      ]
    },
    vpc2 = {
      vpc_id     = "vpc-0bbbbbbbbbbbbbbb2"
      subnet_ids = ["subnet-0bbbbbbbbbbbbbb01", "subnet-0bbbbbbbbbbbbbb02", "subnet-0bbbbbbbbbbbbbb03"]

      tgw_routes = [
        {
          destination_cidr_block = "50.0.0.0/16"
        },
        {
          blackhole              = true
          destination_cidr_block = "10.10.10.10/32"
        }
      ]
      tags = {
        Name = "${local.name}-vpc2"
      }
    },
  }

  ram_allow_external_principals = true
  ram_principals                = [307990089504]

  tags = local.tags
}

output "ec2_transit_gateway_id" {
  value = module.tgw.ec2_transit_gateway_id
}

output "ec2_transit_gateway_vpc_attachment_ids" {
  value = module.tgw.ec2_transit_gateway_vpc_attachment_ids
}
