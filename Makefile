# Build targets for `sam build` (Metadata: BuildMethod: makefile). SAM runs `make build-<LogicalId>`
# with ARTIFACTS_DIR set; each target is a plain `dotnet publish`, so it also runs on a laptop:
#   make build-ApiFunction ARTIFACTS_DIR=/tmp/api
#
# SAM never shares a makefile build between functions (aws-sam-cli's build graph treats every
# BuildMethod: makefile function as its own build), and each `make` is a separate process. So each
# publish goes to one shared folder under artifacts/, behind a stamp that is newer than every source
# and a lock (SAM builds in parallel): the first target publishes, a later one (a test, a benchmark)
# copies. samconfig.toml sets
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

# Each event function is its own Native AOT executable: the function host built for that one function
# (-p:Function=...), so it carries only its handler's SDK clients and libraries. It is the bootstrap on
# provided.al2023 behind the same Lambda Web Adapter layer as the API. One project, one obj folder: the
# publishes take turns behind one lock. Only the thumbnail function ships libvips, next to the bootstrap,
# where NetVips' P/Invoke finds it.
$(SHARED)/function-%.stamp: $(SOURCES)
	rm -rf "$(SHARED)/function-$*"
	$(DOTNET) publish src/TodoApp.Functions.Host $(PUBLISH_FLAGS) -p:PublishAot=true -p:Function=$* -o "$(SHARED)/function-$*/.publish"
	cp "$(SHARED)/function-$*/.publish/TodoApp.Functions.Host" "$(SHARED)/function-$*/bootstrap"
	$(if $(filter thumbnails,$*),cp "$(SHARED)/function-$*/.publish/"libvips.so* "$(SHARED)/function-$*/")
	chmod +x "$(SHARED)/function-$*/bootstrap"
	rm -rf "$(SHARED)/function-$*/.publish"
	touch $@

build-ThumbnailFunction: FUNCTION = thumbnails
build-OrderProcessorFunction: FUNCTION = orders
build-CleanupFunction: FUNCTION = cleanup
build-GitHubToSlackFunction: FUNCTION = github
build-ThumbnailFunction build-OrderProcessorFunction build-CleanupFunction build-GitHubToSlackFunction:
	mkdir -p "$(SHARED)" "$(ARTIFACTS_DIR)"
	flock src/TodoApp.Functions.Host $(MAKE) --no-print-directory "$(SHARED)/function-$(FUNCTION).stamp"
	cp -R "$(SHARED)/function-$(FUNCTION)/." "$(ARTIFACTS_DIR)/"

# The --env-vars file for `sam local start-api -t template.local.yaml`, from a deployed stack's outputs.
STACK ?= todoapp-sandbox
REGION ?= eu-west-1
sam-local-env:
	bash infra/sam-local/env-vars.sh "$(STACK)" "$(REGION)" .aws-sam/local-env.json
