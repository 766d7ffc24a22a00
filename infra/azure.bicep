// SyncOps for Teams on Azure, in the shape of the Microsoft 365 Agents Toolkit bot template
// (OfficeDev/microsoft-365-agents-toolkit, templates/vsc/ts/default-bot/infra/azure.bicep): a user-assigned
// managed identity is the bot's identity, a Linux App Service runs it, an Azure Bot connects it to Teams.
// Added for SyncOps: Node 20 on Linux with a /healthz health check, and a storage account whose blob
// container holds all state, so any number of instances share it (README, "Deploy to Azure").
// m365agents.yml deploys this file with azure.parameters.json; the outputs are written to env/.env.<env>.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan SKU. B1 and up support always-on; use P0v3 or higher to scale out beyond 3 instances.')
param webAppSKU string = 'B1'

@maxLength(42)
param botDisplayName string

@description('Azure Bot SKU: F0 is free, and the Teams channel is free on it.')
param botServiceSku string = 'F0'

@description('Blob container for pending actions, audit, watches and the poller lease (AZURE_STORAGE_CONTAINER).')
param storageContainerName string = 'syncops'

@description('Entra object ids (comma separated) of the admins who may act (ALLOWED_USERS); empty = everyone in the tenant.')
param allowedUsers string = ''

@description('Seconds between polls of watched profiles and jobs (POLL_INTERVAL_SECONDS).')
param pollIntervalSeconds string = '60'

param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param identityName string = resourceBaseName
// Storage account names are 3-24 lowercase letters and digits, unique across Azure.
param storageAccountName string = take('${toLower(replace(resourceBaseName, '-', ''))}${uniqueString(resourceGroup().id)}', 24)
param location string = resourceGroup().location

// Storage Blob Data Contributor, a built-in role:
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-blob-data-contributor
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// The start command; the Dockerfile's CMD and README's "Deploy to Azure" give the same one.
var startCommand = 'node --disable-warning=DEP0111 dist/bot/index.js'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// No public blob access, TLS 1.2, and no account keys: the bot signs in with its managed identity only.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: storageContainerName
  properties: {
    publicAccess: 'None'
  }
}

// At account scope: the bot also checks (and if need be creates) its container at start-up.
resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Compute resources for the Web App: Linux, as the toolkit's Linux templates declare it.
resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true
  }
}

// The Web App that hosts the bot. App settings are exactly variables bot/config.ts reads
// (test/unit/deployment.test.ts keeps it so); App Service sets PORT itself.
resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: startCommand
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'AZURE_USE_MANAGED_IDENTITY', value: 'true' }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
        { name: 'AZURE_STORAGE_CONTAINER', value: storageContainerName }
        { name: 'ALLOWED_TENANTS', value: identity.properties.tenantId }
        { name: 'ALLOWED_USERS', value: allowedUsers }
        { name: 'POLL_INTERVAL_SECONDS', value: pollIntervalSeconds }
        { name: 'LOG_LEVEL', value: 'info' }
      ]
    }
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    blobDataContributor
    container
  ]
}

// Register the web service as a bot with the Bot Framework, signed in as the managed identity.
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: resourceBaseName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
  sku: {
    name: botServiceSku
  }
}

// Connect the bot to Microsoft Teams.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// Persisted in env/.env.<env> by arm/deploy: https://aka.ms/teamsfx-actions/arm-deploy
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_PRINCIPAL_ID string = identity.properties.principalId
output AZURE_STORAGE_ACCOUNT_URL string = storage.properties.primaryEndpoints.blob
