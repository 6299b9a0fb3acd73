terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

locals {
  name = "ex-msk-complete"

  tags = {
    Example    = local.name
    GithubRepo = "terraform-aws-msk-kafka-cluster"
    GithubOrg  = "terraform-aws-modules"
  }
}

module "msk_cluster" {
  source = "./modules/msk-kafka-cluster"

  name                   = local.name
  kafka_version          = "3.5.1"
  number_of_broker_nodes = 3
  enhanced_monitoring    = "PER_TOPIC_PER_PARTITION"

  broker_node_client_subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
  broker_node_connectivity_info = {
    public_access = {
      type = "DISABLED"
    }
    vpc_connectivity = {
      client_authentication = {
        tls = false
        sasl = {
          iam   = false
          scram = true
        }
      }
    }
  }
  broker_node_instance_type   = "kafka.m5.large"
  broker_node_security_groups = ["sg-0123456789abcdef0"]
  broker_node_storage_info = {
    ebs_storage_info = { volume_size = 100 }
  }

  vpc_connections = {
    connection_one = {
      authentication  = "SASL_SCRAM"
      vpc_id          = "vpc-0bbbbbbbbbbbbbbb2"
      client_subnets  = ["subnet-0bbbbbbbbbbbbbb01", "subnet-0bbbbbbbbbbbbbb02", "subnet-0bbbbbbbbbbbbbb03"]
      security_groups = ["sg-0bbbbbbbbbbbbbbb2"]
    }
  }

  encryption_in_transit_client_broker = "TLS"
  encryption_in_transit_in_cluster    = true

  configuration_name        = "complete-example-configuration"
  configuration_description = "Complete example configuration"
  configuration_server_properties = {
    "auto.create.topics.enable" = true
    "delete.topic.enable"       = true
  }

  jmx_exporter_enabled    = true
  node_exporter_enabled   = true
  cloudwatch_logs_enabled = true
  s3_logs_enabled         = true
  s3_logs_bucket          = "ex-msk-complete-logs"
  s3_logs_prefix          = local.name

  scaling_max_capacity = 512
  scaling_target_value = 80

  client_authentication = {
    sasl = { scram = true }
  }
  create_scram_secret_association          = true
  scram_secret_association_secret_arn_list = [for x in aws_secretsmanager_secret.this : x.arn]

  # schema registry
  schema_registries = {
    team_a = {
      name        = "team_a"
      description = "Schema registry for Team A"
    }
    team_b = {
      name        = "team_b"
      description = "Schema registry for Team B"
    }
  }
  schemas = {
    team_a_tweets = {
      schema_registry_name = "team_a"
      schema_name          = "tweets"
      description          = "Schema that contains all the tweets"
      compatibility        = "FORWARD"
      schema_definition    = "{\"type\": \"record\", \"name\": \"r1\", \"fields\": [ {\"name\": \"f1\", \"type\": \"int\"}, {\"name\": \"f2\", \"type\": \"string\"} ]}"
      tags                 = { Team = "Team A" }
    }
    team_b_records = {
      schema_registry_name = "team_b"
      schema_name          = "records"
      description          = "Schema that contains all the records"
      compatibility        = "FORWARD"
      schema_definition = jsonencode({
        type = "record"
        name = "r1"
        fields = [
          {
            name = "f1"
            type = "int"
          },
          {
            name = "f2"
            type = "string"
          },
          {
            name = "f3"
            type = "boolean"
          }
        ]
      })
      tags = { Team = "Team B" }
    }
  }

  # cross account cluster policy
  create_cluster_policy = true
  cluster_policy_statements = {
    basic = {
      sid = "basic"
      principals = [
        {
          type = "AWS"
          # identifiers would be cross account IDs to provide access to the cluster
          identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
        }
      ]
      actions = [
        "kafka:CreateVpcConnection",
        "kafka:GetBootstrapBrokers",
        "kafka:DescribeCluster",
        "kafka:DescribeClusterV2"
      ]
      effect = "Allow"
    }
    firehose = {
      sid = "firehose"
      principals = [
        {
          type        = "Service"
          identifiers = ["firehose.amazonaws.com"]
        }
      ]
      actions = [
        "kafka:CreateVpcConnection",
        "kafka:GetBootstrapBrokers",
        "kafka:DescribeCluster",
        "kafka:DescribeClusterV2"
      ]
    }
  }

  tags = local.tags
}

resource "aws_secretsmanager_secret" "this" {
  for_each = toset(["one", "two"])

  name        = "AmazonMSK_${each.value}_example"
  description = "Example of SCRAM secret"
  kms_key_id  = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  tags = local.tags
}

output "arn" {
  value = module.msk_cluster.arn
}

output "schemas" {
  value = module.msk_cluster.schemas
}
