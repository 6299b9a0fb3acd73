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

module "dynamodb_table_1" {
  source = "./modules/dynamodb"

  namespace = "eg"
  stage     = "test"
  name      = "first"

  hash_key          = "HashKey"
  range_key         = "RangeKey"
  enable_autoscaler = true

  dynamodb_attributes = [
    {
      name = "DailyAverage"
      type = "N"
    },
    {
      name = "HighWater"
      type = "N"
    },
    {
      name = "Timestamp"
      type = "S"
    }
  ]

  local_secondary_index_map = [
    {
      name               = "TimestampSortIndex"
      range_key          = "Timestamp"
      projection_type    = "INCLUDE"
      non_key_attributes = ["HashKey", "RangeKey"]
    },
    {
      name               = "HighWaterIndex"
      range_key          = "Timestamp"
      projection_type    = "INCLUDE"
      non_key_attributes = ["HashKey", "RangeKey"]
    }
  ]

  global_secondary_index_map = [
    {
      name               = "DailyAverageIndex"
      hash_key           = "DailyAverage"
      range_key          = "HighWater"
      write_capacity     = 5
      read_capacity      = 5
      projection_type    = "INCLUDE"
      non_key_attributes = ["HashKey", "RangeKey"]
    }
  ]
}

module "dynamodb_table_2" {
  source = "./modules/dynamodb"

  namespace = "eg"
  stage     = "test"
  name      = "second"

  hash_key          = "HashKey"
  billing_mode      = "PAY_PER_REQUEST"
  enable_autoscaler = false
  enable_streams    = true
  stream_view_type  = "NEW_AND_OLD_IMAGES"
  ttl_enabled       = true
  ttl_attribute     = "Expires"
}

output "table_1_arn" {
  value = module.dynamodb_table_1.table_arn
}

output "table_2_stream_arn" {
  value = module.dynamodb_table_2.table_stream_arn
}
