using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TodoApp.BrowserTests.Infrastructure;

/// <summary>What a user sees and does on the todos page, by role and label as a screen reader would find it.</summary>
public static class TodoPage
{
    public static ILocator Item(this IPage page, string title) =>
        page.Locator("li.todo").Filter(new LocatorFilterOptions { Has = page.Locator(".todo-title", new PageLocatorOptions { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(title)}$") }) });

    public static ILocator Count(this IPage page, string filter) => page.Locator($"[data-count={filter}]");

    public static async Task AddTodoAsync(this IPage page, string title)
    {
        await page.GetByLabel("New todo").FillAsync(title);
        await page.GetByLabel("New todo").PressAsync("Enter");
        await page.ExpectSavedAsync();
    }

    /// <summary>Changes show at once (optimistically); this waits until the API has confirmed them all.</summary>
    public static Task ExpectSavedAsync(this IPage page) => Expect(page.Locator("li.todo.pending")).ToHaveCountAsync(0);

    public static async Task<JsonObject> CreateTodoAsync(this HttpClient api, object todo)
    {
        var response = await api.PostAsync("/api/todos", new StringContent(JsonSerializer.Serialize(todo), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonArray> ListTodosAsync(this HttpClient api, string status = "all") =>
        (JsonArray)(await api.GetFromJsonAsync<JsonObject>($"/api/todos?status={status}&limit=100"))!["items"]!;
}
