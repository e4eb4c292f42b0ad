# Build targets for `sam build` (Metadata: BuildMethod: makefile). SAM runs `make build-<LogicalId>`
# with ARTIFACTS_DIR set; each target is a plain `dotnet publish`, so it also runs on a laptop:
#   make build-ApiFunction ARTIFACTS_DIR=/tmp/api
#
# SAM never shares a makefile build between functions (aws-sam-cli's build graph treats every
# BuildMethod: makefile function as its own build), and each `make` is a separate process. So each
# publish goes to one shared folder under artifacts/, behind a stamp that is newer than every source
# and a lock (SAM builds in parallel): the first target publishes, the others copy. samconfig.toml sets
# build_in_source, so SAM runs these targets in the repo instead of a copy of it (node_modules, bin/obj
# and .local-data included).
ARTIFACTS_DIR ?= $(CURDIR)/artifacts/$@
CONFIGURATION ?= Release
RID ?= linux-x64
DOTNET ?= dotnet
PUBLISH_FLAGS = -c $(CONFIGURATION) -r $(RID) -p:DebugType=none -p:GenerateDocumentationFile=false --nologo
SHARED := $(CURDIR)/artifacts/shared
# Everything a publish reads: the projects' sources and the repo-wide build settings.
SOURCES := $(shell find src -type f -not -path '*/bin/*' -not -path '*/obj/*') \
	Directory.Build.props Directory.Packages.props global.json NuGet.Config

.PHONY: build-ApiFunction build-ThumbnailFunction build-OrderProcessorFunction build-CleanupFunction \
	build-GitHubToSlackFunction sam-local-env

# The API is a Native AOT executable; on provided.al2023 the binary itself is the bootstrap and the
# Lambda Web Adapter layer forwards events to it over HTTP.
$(SHARED)/api.stamp: $(SOURCES)
	rm -rf "$(SHARED)/api"
	$(DOTNET) publish src/TodoApp.Api $(PUBLISH_FLAGS) -p:PublishAot=true -o "$(SHARED)/api/.publish"
	cp "$(SHARED)/api/.publish/TodoApp.Api" "$(SHARED)/api/bootstrap"
	cp "$(SHARED)/api/.publish/appsettings.json" "$(SHARED)/api/"
	chmod +x "$(SHARED)/api/bootstrap"
	rm -rf "$(SHARED)/api/.publish"
	touch $@

build-ApiFunction:
	mkdir -p "$(SHARED)" "$(ARTIFACTS_DIR)"
	flock src/TodoApp.Api $(MAKE) --no-print-directory "$(SHARED)/api.stamp"
	cp -R "$(SHARED)/api/." "$(ARTIFACTS_DIR)/"

# The event functions share one class library on the managed dotnet10 runtime: framework-dependent,
# without ReadyToRun (R2R pushed the zip to 17.9 MiB, over the 15 MiB budget), libvips natives for linux-x64.
$(SHARED)/functions.stamp: $(SOURCES)
	rm -rf "$(SHARED)/functions"
	$(DOTNET) publish src/TodoApp.Functions $(PUBLISH_FLAGS) --self-contained false -o "$(SHARED)/functions"
	touch $@

build-ThumbnailFunction build-OrderProcessorFunction build-CleanupFunction build-GitHubToSlackFunction:
	mkdir -p "$(SHARED)" "$(ARTIFACTS_DIR)"
	flock src/TodoApp.Functions $(MAKE) --no-print-directory "$(SHARED)/functions.stamp"
	cp -R "$(SHARED)/functions/." "$(ARTIFACTS_DIR)/"

# The --env-vars file for `sam local start-api -t template.local.yaml`, from a deployed stack's outputs.
STACK ?= todoapp-sandbox
REGION ?= eu-west-1
sam-local-env:
	bash infra/sam-local/env-vars.sh "$(STACK)" "$(REGION)" .aws-sam/local-env.json
