using System.Net;
using System.Text.Json;
using TodoApp.Testing;

namespace TodoApp.Functions.Tests.Cleanup;

/// <summary>The local host's on-demand run, over real HTTP against the shared system (dry run only: its data is other tests').</summary>
public class LocalCleanupTests
{
    [Fact]
    public async Task OnDemandDryRunWalksTheMediaBucketAndReturnsTheSummary()
    {
        var system = await SharedSystem.GetAsync();
        using var client = new HttpClient { BaseAddress = system.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        using var response = await client.PostAsync("_local/cleanup?dryRun=true", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(summary.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.False(summary.RootElement.GetProperty("stoppedEarly").GetBoolean());
        Assert.True(summary.RootElement.TryGetProperty("orphanUploadsDeleted", out _));
    }
}
