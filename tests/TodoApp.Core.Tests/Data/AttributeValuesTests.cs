using System.Globalization;
using TodoApp.Core.Data;

namespace TodoApp.Core.Tests.Data;

public sealed class AttributeValuesTests
{
    [Fact]
    public void StoredTimesReadBackExactly()
    {
        var random = new Random(12);
        var times = Enumerable.Range(0, 10_000)
            .Select(_ => new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero))
            .Concat([DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(2028, 2, 29, 23, 59, 59, TimeSpan.Zero)])
            .Append(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(2)));
        foreach (var time in times)
        {
            var read = AttributeValues.ParseTime(AttributeValues.Time(time).S);
            Assert.Equal(time.UtcTicks, read.UtcTicks);
            Assert.Equal(TimeSpan.Zero, read.Offset);
        }
    }

    [Theory]
    [InlineData("2026-12-01T07:20:05Z")]
    [InlineData("2026-12-01T07:20:05.123+02:00")]
    [InlineData("2026-12-01T07:20:05.1234567")]
    [InlineData("2026-12-01")]
    public void TimesWrittenInOtherIsoShapesReadAsTheGeneralParserReadsThem(string value) =>
        Assert.Equal(DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), AttributeValues.ParseTime(value));

    [Theory]
    [InlineData("2026-02-30T07:20:05.1234567Z")]
    [InlineData("2026-13-01T07:20:05.1234567Z")]
    [InlineData("2026-12-01T24:20:05.1234567Z")]
    [InlineData("2026-12-01T07:20:05.12345x7Z")]
    public void ImpossibleTimesAreRejectedNotMisread(string value) =>
        Assert.Throws<FormatException>(() => AttributeValues.ParseTime(value));
}
