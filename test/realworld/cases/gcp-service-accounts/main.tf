terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0, < 8"
    }
  }
}

provider "google" {
  project = "example-project-1234"
}

locals {
  project_id = "example-project-1234"
}

module "service_accounts" {
  source = "./modules/service-accounts"

  project_id    = local.project_id
  prefix        = ""
  names         = ["test-first", "test-second"]
  generate_keys = true
  display_name  = "Test Service Accounts"
  description   = "Test Service Accounts description"

  project_roles = [
    "${local.project_id}=>roles/viewer",
    "${local.project_id}=>roles/storage.objectViewer",
  ]
}

module "ci_account" {
  source = "./modules/service-accounts"

  project_id   = local.project_id
  prefix       = "ci"
  names        = ["Deployer"]
  descriptions = ["Deploys from CI"]
  disabled     = { Deployer = false }
}

output "emails" {
  value = module.service_accounts.emails
}

output "ci_email" {
  value = module.ci_account.email
}

output "iam_emails_list" {
  value = module.service_accounts.iam_emails_list
}
