using System.Diagnostics;
using TodoApp.Core.Observability;
using TodoApp.Testing;

namespace TodoApp.Core.Tests.Observability;

public sealed class XRayTraceHeaderTests
{
    [Fact]
    public void LambdaTraceHeaderBecomesAParentWithTheSameTraceId()
    {
        Assert.True(XRayTraceHeader.TryParse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0", out var parent));

        Assert.Equal("5759e988bd862e3fe1be46a994272793", parent.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", parent.SpanId.ToHexString());
        Assert.Equal(ActivityTraceFlags.Recorded, parent.TraceFlags);
        Assert.True(parent.IsRemote);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-BD862E3FE1BE46A994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-00000000-000000000000000000000000;Parent=53995c3f42cd8ad8")]
    public void AnythingElseIsNoParent(string? header) => Assert.False(XRayTraceHeader.TryParse(header, out _));

    [Fact]
    public void AnInvocationSpanStartedUnderTheLambdaHeaderSharesXraysTraceId()
    {
        using var spans = new SpanRecorder(); // without a listener no span is started at all
        var previous = Environment.GetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable);
        Environment.SetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        try
        {
            using var span = Tracing.StartInvocation("Handler", ActivityKind.Consumer);

            Assert.NotNull(span);
            Assert.Equal("5759e988bd862e3fe1be46a994272793", span.TraceId.ToHexString());
            Assert.Equal("53995c3f42cd8ad8", span.ParentSpanId.ToHexString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(XRayTraceHeader.EnvironmentVariable, previous);
        }
    }
}
