terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 7.22, < 8"
    }
  }
}

provider "google" {
  project = "example-project-1234"
}

locals {
  project_id = "example-project-1234"

  read_replica_ip_configuration = {
    ipv4_enabled       = true
    ssl_mode           = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    private_network    = null
    allocated_ip_range = null
    authorized_networks = [
      {
        name  = "${local.project_id}-cidr"
        value = "192.10.10.10/32"
      },
    ]
  }

}


module "mysql" {
  source = "./modules/sql-db/modules/mysql"

  name                 = "tf-test-mysql-ha"
  random_instance_name = true
  project_id           = local.project_id
  database_version     = "MYSQL_8_4"
  region               = "us-central1"

  deletion_protection = false

  edition = "ENTERPRISE_PLUS"

  // Master configurations
  tier                            = "db-perf-optimized-N-2"
  zone                            = "us-central1-c"
  availability_type               = "REGIONAL"
  maintenance_window_day          = 7
  maintenance_window_hour         = 12
  maintenance_window_update_track = "stable"

  database_flags = [{ name = "long_query_time", value = 1 }]

  user_labels = {
    foo = "bar"
  }

  ip_configuration = {
    ipv4_enabled       = true
    ssl_mode           = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    private_network    = null
    allocated_ip_range = null
    authorized_networks = [
      {
        name  = "${local.project_id}-cidr"
        value = "192.10.10.10/32"
      },
    ]
  }

  connection_pool_config = {
    enabled = true
    flags = [
      {
        name  = "max_pool_size"
        value = "10"
      }
    ]
  }

  password_validation_policy_config = {
    enable_password_policy      = true
    complexity                  = "COMPLEXITY_DEFAULT"
    disallow_username_substring = true
    min_length                  = 8
  }

  backup_configuration = {
    enabled                        = true
    binary_log_enabled             = true
    start_time                     = "20:55"
    location                       = null
    transaction_log_retention_days = null
    retained_backups               = 365
    retention_unit                 = "COUNT"
  }

  // Read replica configurations
  read_replica_name_suffix = "-test-ha"
  replica_database_version = "MYSQL_8_4"
  read_replicas = [
    {
      name                  = "0"
      zone                  = "us-central1-a"
      availability_type     = "ZONAL"
      tier                  = "db-perf-optimized-N-2"
      ip_configuration      = local.read_replica_ip_configuration
      database_flags        = [{ name = "long_query_time", value = 1 }]
      disk_autoresize       = null
      disk_autoresize_limit = null
      disk_size             = null
      disk_type             = "PD_SSD"
      user_labels           = { bar = "baz" }
      encryption_key_name   = null
    },
    {
      name                  = "1"
      zone                  = "us-central1-b"
      availability_type     = "ZONAL"
      tier                  = "db-perf-optimized-N-2"
      ip_configuration      = local.read_replica_ip_configuration
      database_flags        = [{ name = "long_query_time", value = 1 }]
      disk_autoresize       = null
      disk_autoresize_limit = null
      disk_size             = null
      disk_type             = "PD_SSD"
      user_labels           = { bar = "baz" }
      encryption_key_name   = null
    },
    {
      name                  = "2"
      zone                  = "us-central1-c"
      availability_type     = "ZONAL"
      tier                  = "db-perf-optimized-N-2"
      ip_configuration      = local.read_replica_ip_configuration
      database_flags        = [{ name = "long_query_time", value = 1 }]
      disk_autoresize       = null
      disk_autoresize_limit = null
      disk_size             = null
      disk_type             = "PD_SSD"
      user_labels           = { bar = "baz" }
      encryption_key_name   = null
    },
  ]

  db_name      = "tf-test-mysql-ha"
  db_charset   = "utf8mb4"
  db_collation = "utf8mb4_general_ci"

  additional_databases = [
    {
      name      = "${"tf-test-mysql-ha"}-additional"
      charset   = "utf8mb4"
      collation = "utf8mb4_general_ci"
    },
  ]

  user_name     = "tftest"
  user_password = "Example!12345"
  root_password = ".5nHITPioEJk^k}="

  additional_users = [
    {
      name            = "tftest2"
      password        = "Example!12345"
      host            = "localhost"
      type            = "BUILT_IN"
      random_password = false
    },
    {
      name            = "tftest3"
      password        = "Example!12345"
      host            = "localhost"
      type            = "BUILT_IN"
      random_password = false
    },
  ]
}

output "name" {
  value = module.mysql.instance_name
}

output "replicas" {
  value     = module.mysql.replicas
  sensitive = true
}

output "instances" {
  value     = module.mysql.instances
  sensitive = true
}
