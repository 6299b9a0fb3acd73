terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.42"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  vgw_id                  = "vgw-0123456789abcdef0"
  vpc_id                  = "vpc-0123456789abcdef0"
  private_route_table_ids = ["rtb-0aaaaaaaaaaaaaaa1", "rtb-0aaaaaaaaaaaaaaa2", "rtb-0aaaaaaaaaaaaaaa3"]
}

module "vpn_gateway" {
  source = "./modules/vpn-gateway"

  vpn_gateway_id      = local.vgw_id
  customer_gateway_id = aws_customer_gateway.main.id

  vpc_id                       = local.vpc_id
  vpc_subnet_route_table_ids   = local.private_route_table_ids
  vpc_subnet_route_table_count = length(local.private_route_table_ids)
  local_ipv4_network_cidr      = "0.0.0.0/0"
  remote_ipv4_network_cidr     = "10.10.0.0/16"

  tunnel1_log_options = {
    cloudwatch_log_options = {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.tunnel1_logs.arn
      log_output_format = "text"
    }
  }
  tunnel2_log_options = {
    cloudwatch_log_options = {
      log_enabled       = true
      log_group_arn     = aws_cloudwatch_log_group.tunnel2_logs.arn
      log_output_format = "text"
    }
  }
}

module "vpn_gateway_static" {
  source = "./modules/vpn-gateway"

  vpn_connection_static_routes_only         = true
  vpn_connection_static_routes_destinations = ["10.100.0.1/32", "10.200.0.1/32"]

  vpn_gateway_id      = local.vgw_id
  customer_gateway_id = aws_customer_gateway.main.id

  vpc_id                        = local.vpc_id
  create_vpn_gateway_attachment = false

  # tunnel inside cidr & preshared keys (optional)
  tunnel1_inside_cidr   = "169.254.33.88/30"
  tunnel2_inside_cidr   = "169.254.33.100/30"
  tunnel1_preshared_key = "1234567890abcdefghijklmn"
  tunnel2_preshared_key = "abcdefghijklmn1234567890"
}

resource "aws_customer_gateway" "main" {
  bgp_asn    = 65000
  ip_address = "172.83.124.10"
  type       = "ipsec.1"

  tags = {
    Name = "complete-vpn-gateway"
  }
}

resource "aws_cloudwatch_log_group" "tunnel1_logs" {
  name              = "complete-vpn-tunnel1-logs"
  retention_in_days = 7
}

resource "aws_cloudwatch_log_group" "tunnel2_logs" {
  name              = "complete-vpn-tunnel2-logs"
  retention_in_days = 7
}

output "vpn_connection_id" {
  value = module.vpn_gateway.vpn_connection_id
}

output "static_vpn_connection_id" {
  value = module.vpn_gateway_static.vpn_connection_id
}
