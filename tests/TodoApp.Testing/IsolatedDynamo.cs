using TodoApp.Core.Aws;
using TodoApp.Local;
using TodoApp.Local.Emulators;
using TodoApp.Local.Provisioning;

namespace TodoApp.Testing;

/// <summary>
/// A DynamoDB emulator of its own, provisioned from template.yaml, for tests whose subject works
/// across all users (cleanup jobs) and so cannot share a table with tests running in parallel.
/// </summary>
public sealed class IsolatedDynamo : IAsyncDisposable
{
    private readonly NodeEmulator _emulator;

    private IsolatedDynamo(NodeEmulator emulator) => _emulator = emulator;

    public AwsOptions Aws => new() { Region = LocalSystem.Region, DynamoDbServiceUrl = _emulator.ServiceUrl.ToString() };

    public static async Task<IsolatedDynamo> StartAsync()
    {
        var root = RepoPaths.FindRoot();
        var infra = Path.Combine(root, "infra", "local");
        await NodeModules.EnsureInstalledAsync(infra, default);
        var emulator = await NodeEmulator.StartAsync(infra, "dynamodb", []);
        using var dynamo = AwsClients.DynamoDb(new AwsOptions { Region = LocalSystem.Region, DynamoDbServiceUrl = emulator.ServiceUrl.ToString() });
        await TableProvisioner.ProvisionAsync(CloudFormationTemplate.Load(Path.Combine(root, "template.yaml")), dynamo, default);
        return new IsolatedDynamo(emulator);
    }

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
