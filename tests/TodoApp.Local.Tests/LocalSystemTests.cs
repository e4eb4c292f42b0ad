using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using TodoApp.Core.Aws;
using TodoApp.Testing;

namespace TodoApp.Local.Tests;

public sealed class LocalSystemTests
{
    [Fact]
    public async Task TableQueuesAndBucketComeFromTheTemplate()
    {
        var system = await SharedSystem.GetAsync();
        using var dynamo = AwsClients.DynamoDb(system.Aws);
        using var sqs = AwsClients.Sqs(system.Aws);
        using var s3 = AwsClients.S3(system.Aws);

        var table = (await dynamo.DescribeTableAsync(new DescribeTableRequest { TableName = LocalSystem.TableName })).Table;
        Assert.Equal(["PK", "SK"], table.KeySchema.Select(k => k.AttributeName));
        Assert.Equal("GSI1", Assert.Single(table.GlobalSecondaryIndexes).IndexName);

        var redrive = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = system.QueueUrls["OrdersQueue"],
            AttributeNames = ["RedrivePolicy", "VisibilityTimeout"],
        })).Attributes;
        Assert.Contains("OrdersDeadLetterQueue", redrive["RedrivePolicy"]);
        Assert.Equal("180", redrive["VisibilityTimeout"]);

        Assert.Contains("mediabucket", (await s3.ListBucketsAsync()).Buckets!.Select(b => b.BucketName));
    }

    [Fact]
    public async Task RestartingWithADataDirectoryKeepsTheTodos()
    {
        var data = Directory.CreateTempSubdirectory("todoapp-local-").FullName;
        try
        {
            string id;
            await using (var first = await StartAsync(data))
            {
                var created = await first.ClientFor("restart-user").PostAsJsonAsync("/api/todos", new { title = "Survives restarts" });
                id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            }
            await using var second = await StartAsync(data);
            var read = await second.ClientFor("restart-user").GetAsync($"/api/todos/{id}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ABusyPortIsAClearErrorAndLeavesNoEmulatorsBehind()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var before = EmulatorProcessIds();

        var error = await Assert.ThrowsAsync<LocalSystemException>(() =>
            LocalSystem.StartAsync(new LocalSystemOptions { DefaultUrls = $"http://127.0.0.1:{port}" }));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("--urls", error.Message);
        Assert.Empty(await Eventually.UntilAsync(() => EmulatorProcessIds().Except(before).ToList(), left => left.Count == 0));
    }

    [Fact]
    public async Task DisposingStopsEveryEmulator()
    {
        var system = await StartAsync(null);
        var emulators = new[] { system.DynamoDb, system.S3Sqs };
        Assert.All(emulators, e => Assert.False(e.HasExited));

        await system.DisposeAsync();

        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, emulators[0].Port));
    }

    private static Task<LocalSystem> StartAsync(string? data) =>
        LocalSystem.StartAsync(new LocalSystemOptions { DefaultUrls = "http://127.0.0.1:0", DataDirectory = data });

    /// <summary>Emulators started by this test process (other test assemblies run their own in parallel).</summary>
    private static HashSet<int> EmulatorProcessIds() =>
        Process.GetProcessesByName("node")
            .Where(p => Read($"/proc/{p.Id}/cmdline").Contains("emulator.mjs") && ParentOf(p.Id) == Environment.ProcessId)
            .Select(p => p.Id)
            .ToHashSet();

    private static int ParentOf(int pid)
    {
        // /proc/PID/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ')'.
        var stat = Read($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], out var parent) ? parent : -1;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
