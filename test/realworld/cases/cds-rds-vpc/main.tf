terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "ca-central-1"
}

module "postgresql_cluster" {
  source = "./modules/cds/rds"
  name   = "postgresql"

  database_name  = "terratest_postgresql"
  engine         = "aurora-postgresql"
  engine_version = "15.2"
  instances      = 2
  instance_class = "db.t3.medium"
  username       = "thebigcheese"
  password       = "pasword123"

  prevent_cluster_deletion = false
  skip_final_snapshot      = true

  backup_retention_period      = 1
  preferred_backup_window      = "01:00-03:00"
  preferred_maintenance_window = "sun:06:00-sun:07:00"

  vpc_id     = module.postgresql_cluster_vpc.vpc_id
  subnet_ids = module.postgresql_cluster_vpc.private_subnet_ids

  billing_tag_key   = "Business Unit"
  billing_tag_value = "Terratest"
}

module "postgresql_cluster_vpc" {
  source = "./modules/cds/vpc"
  name   = "postgresql-cluster"

  enable_flow_log                  = true
  availability_zones               = 2
  cidrsubnet_newbits               = 8
  single_nat_gateway               = true
  allow_https_request_out          = true
  allow_https_request_out_response = true
  allow_https_request_in           = true
  allow_https_request_in_response  = true

  billing_tag_key   = "Business Unit"
  billing_tag_value = "Terratest"
}

output "proxy_endpoint" {
  value = module.postgresql_cluster.proxy_endpoint
}

output "cluster_endpoint" {
  value = module.postgresql_cluster.rds_cluster_endpoint
}
