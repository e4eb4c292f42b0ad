# Build targets for `sam build` (Metadata: BuildMethod: makefile). SAM runs `make build-<LogicalId>`
# with ARTIFACTS_DIR set; each target is a plain `dotnet publish`, so it also runs on a laptop:
#   make build-ApiFunction ARTIFACTS_DIR=/tmp/api
ARTIFACTS_DIR ?= $(CURDIR)/artifacts/$@
CONFIGURATION ?= Release
RID ?= linux-x64
DOTNET ?= dotnet
PUBLISH_FLAGS = -c $(CONFIGURATION) -r $(RID) -p:DebugType=none -p:GenerateDocumentationFile=false --nologo

.PHONY: build-ApiFunction build-ApiFunctionLocal build-ThumbnailFunction build-OrderProcessorFunction build-CleanupFunction build-GitHubToSlackFunction functions

# The API is a Native AOT executable; on provided.al2023 the binary itself is the bootstrap and the
# Lambda Web Adapter layer forwards events to it over HTTP.
build-ApiFunction:
	$(DOTNET) publish src/TodoApp.Api $(PUBLISH_FLAGS) -p:PublishAot=true -o "$(ARTIFACTS_DIR)/.publish"
	cp "$(ARTIFACTS_DIR)/.publish/TodoApp.Api" "$(ARTIFACTS_DIR)/bootstrap"
	cp "$(ARTIFACTS_DIR)/.publish/appsettings.json" "$(ARTIFACTS_DIR)/"
	chmod +x "$(ARTIFACTS_DIR)/bootstrap"
	rm -rf "$(ARTIFACTS_DIR)/.publish"

# The same binary behind the HttpApi event that only `sam local start-api` uses (EnableLocalApi=true).
build-ApiFunctionLocal: build-ApiFunction

# The event functions share one class library on the managed dotnet10 runtime: framework-dependent,
# without ReadyToRun (R2R pushed the zip to 17.9 MiB, over the 15 MiB budget), libvips natives for linux-x64.
functions:
	$(DOTNET) publish src/TodoApp.Functions $(PUBLISH_FLAGS) --self-contained false -o "$(ARTIFACTS_DIR)"

build-ThumbnailFunction: functions
build-OrderProcessorFunction: functions
build-CleanupFunction: functions
build-GitHubToSlackFunction: functions
