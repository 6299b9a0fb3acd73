terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 3.0, < 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "test" {
  location = "westeurope"
  name     = "testRG-network"
}

module "network" {
  source              = "./modules/network"
  resource_group_name = azurerm_resource_group.test.name
  address_spaces      = ["10.0.0.0/16", "10.2.0.0/16"]
  subnet_prefixes     = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  subnet_names        = ["subnet1", "subnet2", "subnet3"]

  subnet_enforce_private_link_endpoint_network_policies = {
    "subnet1" : true
  }
  subnet_delegation = {
    subnet1 = [
      {
        name = "delegation"
        service_delegation = {
          name = "Microsoft.ContainerInstance/containerGroups"
          actions = [
            "Microsoft.Network/virtualNetworks/subnets/action",
          ]
        }
      }
    ]
  }
  subnet_service_endpoints = {
    "subnet1" : ["Microsoft.Sql"]
  }

  tags = {
    environment = "dev"
    costcenter  = "it"
  }
  use_for_each = true
}

module "network_legacy" {
  source                  = "./modules/network"
  resource_group_name     = azurerm_resource_group.test.name
  resource_group_location = azurerm_resource_group.test.location
  vnet_name               = "legacy-vnet"
  address_space           = "10.10.0.0/16"
  subnet_prefixes         = ["10.10.1.0/24", "10.10.2.0/24"]
  subnet_names            = ["app", "data"]
  tracing_tags_enabled    = true
  tracing_tags_prefix     = "trace_"
  use_for_each            = false
}

output "vnet_subnets" {
  value = module.network.vnet_subnets
}

output "legacy_vnet_id" {
  value = module.network_legacy.vnet_id
}
