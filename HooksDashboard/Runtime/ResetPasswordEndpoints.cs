using System.Text.Encodings.Web;
using HooksDashboard.Identity.Users;
using Microsoft.AspNetCore.Antiforgery;

namespace HooksDashboard.Runtime;

/// <summary>
/// The page a reset link opens: <c>GET /reset-password?ticket=...</c> shows a form, <c>POST /reset-password</c>
/// sets the password. Plain server-rendered HTML for the signed-out user, protected by an antiforgery token.
/// </summary>
public static class ResetPasswordEndpoints
{
    public const string Path = "/reset-password";

    public static IEndpointRouteBuilder MapResetPassword(this IEndpointRouteBuilder endpoints)
    {
        // The signed-out user who asked for the reset opens it: never behind the dashboard's sign-in.
        endpoints.MapGet(Path, ShowAsync).AllowAnonymous();
        // The handler validates the antiforgery token itself, to answer a readable page instead of a bare 400.
        endpoints.MapPost(Path, SubmitAsync).DisableAntiforgery().AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, IPasswordResetService resets, IAntiforgery antiforgery, string? ticket)
    {
        if (!await resets.IsTicketValidAsync(ticket, context.RequestAborted).ConfigureAwait(false))
            return Page(StatusCodes.Status400BadRequest, InvalidTicketHtml);
        return Page(StatusCodes.Status200OK, FormHtml(antiforgery.GetAndStoreTokens(context), ticket!, error: null));
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IPasswordResetService resets, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
            return Page(StatusCodes.Status400BadRequest, Paragraph("The request is not a form."));
        try
        {
            await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return Page(StatusCodes.Status400BadRequest, Paragraph("The form expired or did not come from this page. Open the link again."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var ticket = form["ticket"].ToString();
        var password = form["password"].ToString();
        if (password != form["confirm"].ToString())
            return Page(StatusCodes.Status400BadRequest, FormHtml(antiforgery.GetAndStoreTokens(context), ticket, "The passwords do not match."));

        var outcome = await resets.ResetAsync(ticket, password, context.RequestAborted).ConfigureAwait(false);
        return outcome.Status switch
        {
            PasswordResetStatus.Changed => Page(StatusCodes.Status200OK, Paragraph("Your password has been reset successfully.")),
            PasswordResetStatus.WeakPassword => Page(StatusCodes.Status400BadRequest,
                FormHtml(antiforgery.GetAndStoreTokens(context), ticket, $"Password is too weak. {outcome.PolicySummary}")),
            _ => Page(StatusCodes.Status400BadRequest, InvalidTicketHtml),
        };
    }

    private static readonly string InvalidTicketHtml = Paragraph("This link is invalid, expired or was already used. Ask for a new one.");

    private static string Paragraph(string text) => $"<p>{HtmlEncoder.Default.Encode(text)}</p>";

    private static string FormHtml(AntiforgeryTokenSet tokens, string ticket, string? error)
    {
        var encoder = HtmlEncoder.Default;
        var errorHtml = error is null ? "" : $"<p class=\"error\" role=\"alert\">{encoder.Encode(error)}</p>";
        return $"""
            {errorHtml}
            <form method="post" action="{Path}">
              <input type="hidden" name="{encoder.Encode(tokens.FormFieldName)}" value="{encoder.Encode(tokens.RequestToken ?? "")}">
              <input type="hidden" name="ticket" value="{encoder.Encode(ticket)}">
              <label>New password <input type="password" name="password" autocomplete="new-password" required></label>
              <label>Confirm new password <input type="password" name="confirm" autocomplete="new-password" required></label>
              <p class="hint">At least {PasswordPolicy.MinLength} characters, with {PasswordPolicy.RequiredKinds} of: lower case, upper case, digits, special characters.</p>
              <button type="submit">Reset password</button>
            </form>
            """;
    }

    private static IResult Page(int statusCode, string bodyHtml) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Reset your password</title>
          <style>
            body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
            label { display: block; margin: 1rem 0; }
            input[type=password] { display: block; width: 100%; padding: .5rem; margin-top: .25rem; box-sizing: border-box; }
            button { padding: .6rem 1.2rem; }
            .error { color: #b00020; }
            .hint { color: #555; font-size: .9rem; }
          </style>
        </head>
        <body>
          <h1>Reset your password</h1>
          {{bodyHtml}}
        </body>
        </html>
        """, "text/html; charset=utf-8", statusCode: statusCode);
}
