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

module "zones" {
  source = "./modules/route53/modules/zones"

  zones = {
    "terraform-aws-modules-example.com" = {
      comment = "terraform-aws-modules-example.com (production)"
      tags = {
        Name = "terraform-aws-modules-example.com"
      }
      timeouts = {
        create = "2h"
      }
    }

    "app.terraform-aws-modules-example.com" = {
      comment = "app.terraform-aws-modules-example.com"
    }
  }

  tags = {
    ManagedBy = "Terraform"
  }
}

module "records" {
  source = "./modules/route53/modules/records"

  zone_id = module.zones.route53_zone_zone_id["terraform-aws-modules-example.com"]

  records = [
    {
      name = ""
      type = "A"
      ttl  = 3600
      records = [
        "10.10.10.10",
      ]
    },
    {
      name = "www"
      type = "CNAME"
      ttl  = 300
      records = [
        "terraform-aws-modules-example.com",
      ]
    },
    {
      name           = "test"
      type           = "CNAME"
      ttl            = "5"
      records        = ["test.example.com."]
      set_identifier = "test-primary"
      weighted_routing_policy = {
        weight = 90
      }
    },
    {
      name = "alias"
      type = "A"
      alias = {
        name    = "d-10qxlbvagl.execute-api.eu-west-1.amazonaws.com"
        zone_id = "ZLY8HYME6SFAD"
      }
    },
  ]
}
