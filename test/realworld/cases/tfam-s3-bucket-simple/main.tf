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

module "simple_bucket" {
  source = "./modules/s3-bucket"

  bucket        = "simple-example-7f3a"
  force_destroy = true
}
