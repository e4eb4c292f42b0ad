using TodoApp.Core.Todos;

namespace TodoApp.Core.Tests.Todos;

public sealed class TodoRulesTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("  padded  ", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    [InlineData("tab\tinside", false)]
    public void TitleRules(string? title, bool valid) => Assert.Equal(valid, TodoRules.CheckTitle(title) is null);

    [Fact]
    public void TitleLengthIsMeasuredAfterTrimming()
    {
        Assert.Null(TodoRules.CheckTitle("  " + new string('a', 200) + "  "));
        Assert.NotNull(TodoRules.CheckTitle(new string('a', 201)));
    }

    [Fact]
    public void LabelsAreDeduplicatedInOrder() =>
        Assert.Equal(["b", "a"], TodoRules.NormalizeLabels(["b", "a", "b"]));
}
