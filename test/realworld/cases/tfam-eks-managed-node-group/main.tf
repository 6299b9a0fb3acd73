terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.28"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "eks_managed_node_group" {
  source = "./modules/eks/modules/eks-managed-node-group"

  name               = "separate-eks-mng"
  cluster_name       = "my-cluster"
  kubernetes_version = "1.33"

  subnet_ids = ["subnet-abcde012", "subnet-bcde012a", "subnet-fghi345a"]

  cluster_primary_security_group_id = "sg-0123456789abcdef0"
  vpc_security_group_ids            = ["sg-0fedcba9876543210"]
  cluster_service_cidr              = "172.20.0.0/16"

  min_size     = 1
  max_size     = 10
  desired_size = 1

  ami_type       = "AL2023_x86_64_STANDARD"
  instance_types = ["t3.large"]
  capacity_type  = "SPOT"

  labels = {
    Environment = "test"
    GithubRepo  = "terraform-aws-eks"
    GithubOrg   = "terraform-aws-modules"
  }

  taints = {
    dedicated = {
      key    = "dedicated"
      value  = "gpuGroup"
      effect = "NO_SCHEDULE"
    }
  }

  tags = {
    Environment = "dev"
    Terraform   = "true"
  }
}

output "node_group_arn" {
  value = module.eks_managed_node_group.node_group_arn
}

output "launch_template_id" {
  value = module.eks_managed_node_group.launch_template_id
}
