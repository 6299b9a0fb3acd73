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

module "subnets" {
  source = "./modules/dynamic-subnets"

  namespace = "eg"
  stage     = "test"
  name      = "subnets-vpc-test"

  availability_zones      = ["us-east-2a", "us-east-2b"]
  vpc_id                  = "vpc-0a1b2c3d4e5f60718"
  igw_id                  = ["igw-0a1b2c3d4e5f60718"]
  ipv4_enabled            = true
  ipv6_enabled            = true
  ipv6_egress_only_igw_id = ["eigw-0a1b2c3d4e5f60718"]
  ipv4_cidr_block         = ["172.16.0.0/16"]
  ipv6_cidr_block         = ["2600:1f16:1234:5600::/56"]
  nat_gateway_enabled     = false
  nat_instance_enabled    = false
  route_create_timeout    = "5m"
  route_delete_timeout    = "10m"

  subnet_type_tag_key = "cpco.io/subnet/type"

  subnets_per_az_count = 1
  subnets_per_az_names = ["common"]
}

output "public_subnet_ids" {
  value = module.subnets.public_subnet_ids
}

output "private_subnet_ids" {
  value = module.subnets.private_subnet_ids
}

output "named_private_subnets_map" {
  value = module.subnets.named_private_subnets_map
}
