using TodoApp.Local.Frontend;

namespace TodoApp.Local.Tests;

public sealed class FrontendBuildTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frontend-").FullName;

    [Fact]
    public void AMissingBuildIsStale()
    {
        Write("src/main.ts", DateTime.UtcNow.AddHours(-1));
        Assert.False(FrontendBuild.IsFresh(_folder));
    }

    [Fact]
    public void ABuildNewerThanEverySourceIsFresh()
    {
        Write("src/todos/view.ts", DateTime.UtcNow.AddHours(-2));
        Write("package-lock.json", DateTime.UtcNow.AddHours(-2));
        Write("dist/index.html", DateTime.UtcNow.AddHours(-1));
        Assert.True(FrontendBuild.IsFresh(_folder));
    }

    [Theory]
    [InlineData("src/todos/view.ts")]
    [InlineData("index.html")]
    [InlineData("package-lock.json")]
    [InlineData("vite.config.ts")]
    public void EditingAnySourceAfterTheBuildMakesItStale(string source)
    {
        Write("dist/index.html", DateTime.UtcNow.AddHours(-1));
        Write(source, DateTime.UtcNow);
        Assert.False(FrontendBuild.IsFresh(_folder));
    }

    private void Write(string relative, DateTime modified)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        File.SetLastWriteTimeUtc(path, modified);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
