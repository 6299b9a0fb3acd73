terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 7.22, < 8"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 7.22, < 8"
    }
    time = {
      source = "hashicorp/time"
    }
  }
}

provider "google" {
  project = "example-project-1234"
}

provider "google-beta" {
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

module "pg" {
  source = "./modules/sql-db/modules/postgresql"

  name                 = "tf-test-pg-ha"
  random_instance_name = false
  project_id           = local.project_id
  database_version     = "POSTGRES_9_6"
  region               = "us-central1"

  // Master configurations
  tier                            = "db-custom-1-3840"
  zone                            = "us-central1-c"
  availability_type               = "REGIONAL"
  maintenance_window_day          = 7
  maintenance_window_hour         = 12
  maintenance_window_update_track = "stable"

  use_autokey         = true
  deletion_protection = false

  database_flags = [{ name = "autovacuum", value = "off" }]

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

  backup_configuration = {
    enabled                        = true
    start_time                     = "20:55"
    location                       = null
    point_in_time_recovery_enabled = false
    transaction_log_retention_days = null
    retained_backups               = 365
    retention_unit                 = "COUNT"
  }

  // Read replica configurations
  read_replica_name_suffix = "-test-ha"
  read_replicas = [
    {
      name                  = "0"
      zone                  = "us-central1-a"
      availability_type     = "REGIONAL"
      tier                  = "db-custom-1-3840"
      ip_configuration      = local.read_replica_ip_configuration
      database_flags        = [{ name = "autovacuum", value = "off" }]
      disk_autoresize       = null
      disk_autoresize_limit = null
      disk_size             = null
      disk_type             = "PD_HDD"
      user_labels           = { bar = "baz" }
      encryption_key_name   = null
    },
  ]

  db_name      = "tf-test-pg-ha"
  db_charset   = "UTF8"
  db_collation = "en_US.UTF8"

  additional_databases = [
    {
      name      = "tf-test-pg-ha-additional"
      charset   = "UTF8"
      collation = "en_US.UTF8"
    },
  ]

  user_name     = "tftest"
  user_password = "foobar"

  additional_users = [
    {
      name            = "tftest2"
      password        = "abcdefg"
      host            = "localhost"
      random_password = false
    },
    {
      name            = "tftest3"
      password        = "abcdefg"
      host            = "localhost"
      random_password = false
    },
  ]
  depends_on = [time_sleep.wait_autokey_config]
}

resource "google_kms_autokey_config" "autokey_config" {
  provider    = google-beta
  folder      = "1234567890"
  key_project = "projects/example-kms-project"
}

resource "time_sleep" "wait_autokey_config" {
  create_duration = "10s"
  depends_on      = [google_kms_autokey_config.autokey_config]
}

output "instance_name" {
  value = module.pg.instance_name
}

output "replicas" {
  value = module.pg.replicas_instance_connection_names
}

output "additional_users" {
  value     = module.pg.additional_users
  sensitive = true
}
