using Google.Apis.Auth.OAuth2;

namespace Chalk.Sql.Sources;

/// <summary>Supplies the OAuth 2.0 bearer token <see cref="BigQuerySource"/> sends with each request.</summary>
/// <remarks>
/// Production uses <see cref="ApplicationDefault"/> (the <c>GOOGLE_APPLICATION_CREDENTIALS</c> key file, gcloud's
/// user credentials, or the metadata server on Google Cloud) or <see cref="FromServiceAccountKeyFile"/>; both are
/// scoped to <see cref="Scope"/> and refresh their tokens before they expire. Tests use <see cref="None"/> or
/// <see cref="FromAccessToken"/>.
/// </remarks>
public abstract class BigQueryCredentials
{
    /// <summary>The OAuth scope requested for Google credentials.</summary>
    public const string Scope = "https://www.googleapis.com/auth/bigquery";

    /// <summary>Sends no <c>Authorization</c> header (a local emulator or a test endpoint).</summary>
    public static BigQueryCredentials None { get; } = new StaticToken(null);

    /// <summary>Sends a fixed bearer token (e.g. from <c>gcloud auth print-access-token</c>); it is not refreshed.</summary>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public static BigQueryCredentials FromAccessToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        return new StaticToken(accessToken);
    }

    /// <summary>Google's application default credentials, found on first use.</summary>
    public static BigQueryCredentials ApplicationDefault()
        => new Google("application default credentials", static ct => GoogleCredential.GetApplicationDefaultAsync(ct));

    /// <summary>A service account's JSON key file, read on first use.</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static BigQueryCredentials FromServiceAccountKeyFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new Google($"service-account key file '{path}'", async ct =>
            (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(path, ct).ConfigureAwait(false)).ToGoogleCredential());
    }

    /// <summary>An already-built Google credential (for example an impersonated one).</summary>
    public static BigQueryCredentials FromGoogleCredential(GoogleCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return new Google("the given Google credential", _ => Task.FromResult(credential));
    }

    /// <summary>What these credentials are, for error messages (never the secret itself).</summary>
    public abstract string Description { get; }

    /// <summary>The bearer token for the next request, or <see langword="null"/> to send none.</summary>
    /// <exception cref="Exception">The provider's error when no token can be obtained; the source wraps it.</exception>
    public abstract Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);

    private sealed class StaticToken(string? token) : BigQueryCredentials
    {
        public override string Description => token is null ? "no credentials" : "a static access token";

        public override Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(token);
    }

    private sealed class Google(string description, Func<CancellationToken, Task<GoogleCredential>> load) : BigQueryCredentials
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ITokenAccess? _access;

        public override string Description => description;

        public override async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
        {
            var access = _access ?? await LoadAsync(cancellationToken).ConfigureAwait(false);
            return await access.GetAccessTokenForRequestAsync(null, cancellationToken).ConfigureAwait(false);
        }

        // A failed load is not remembered: the next call tries again (a key file may appear, a metadata server recover).
        private async Task<ITokenAccess> LoadAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_access is not null) return _access;
                var credential = await load(cancellationToken).ConfigureAwait(false);
                if (credential.IsCreateScopedRequired) credential = credential.CreateScoped(Scope);
                _access = credential;
                return credential;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
