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

module "lambda_function" {
  source = "./modules/lambda"

  publish = true

  function_name = "example-lambda-simple"
  handler       = "index.lambda_handler"
  runtime       = "python3.12"

  create_package         = false
  local_existing_package = "${path.module}/function.zip"

  attach_policy_statements = true
  policy_statements = {
    s3_read = {
      effect    = "Allow"
      actions   = ["s3:HeadObject", "s3:GetObject"]
      resources = ["arn:aws:s3:::my-bucket/*"]
    }
  }

  environment_variables = {
    Serverless = "Terraform"
  }

  tags = {
    Example = "lambda"
  }
}

output "lambda_function_arn" {
  value = module.lambda_function.lambda_function_arn
}
