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

resource "aws_vpc" "this" {
  cidr_block = "10.30.0.0/20"
}

module "http_sg" {
  source = "./modules/security-group/modules/http-80"

  name        = "http-sg"
  description = "Security group with HTTP ports open for everybody (IPv4 CIDR), egress ports are all world open"
  vpc_id      = aws_vpc.this.id

  ingress_cidr_blocks = ["0.0.0.0/0"]
}
