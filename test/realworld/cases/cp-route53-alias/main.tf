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

module "route53_alias" {
  source = "./modules/route53-alias"

  aliases         = ["test-alias"]
  parent_zone_id  = "Z3SO0TKDDQ0RGG"
  target_zone_id  = "Z35SXDOTRQ7X7K"
  target_dns_name = "atlantis-1058345273.us-east-1.elb.amazonaws.com."
}

output "hostnames" {
  value = module.route53_alias.hostnames
}

output "parent_zone_name" {
  value = module.route53_alias.parent_zone_name
}
