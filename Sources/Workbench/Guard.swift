import HTTPTypes
import Hummingbird

/// What every request passes before a page sees it:
/// - on loopback, a `Host` that names this machine (a page elsewhere cannot reach the
///   workbench by pointing a name of its own at 127.0.0.1);
/// - off loopback, the token printed at start (`?token=` once, then a cookie);
/// - a POST only from the workbench's own pages (its `Origin` is this host; a browser's
///   `Sec-Fetch-Site` is not `cross-site`);
/// and every answer says not to be framed elsewhere, sniffed, or to load anything from
/// anywhere but here.
struct Guard<Context: RequestContext>: RouterMiddleware {
    let settings: Workbench.Settings
    static var cookie: String { "swabplan_token" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var setCookie: String?
        if settings.isLoopback, let host = request.head.authority, !Guard.loopbackHost(host) {
            return Guard.refuse(.forbidden, "this workbench answers on 127.0.0.1 or localhost only")
        }
        if let token = settings.token {
            let given = request.uri.queryParameters.get("token")
            let cookie = request.cookies[Guard.cookie]?.value
            guard given == token || cookie == token else {
                return Guard.refuse(.unauthorized, "open the address with ?token=… as `swabplan serve` printed it")
            }
            if given == token && cookie != token { setCookie = "\(Guard.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict" }
        }
        if request.method != .get && request.method != .head {
            let host = request.head.authority ?? "\(settings.host):\(settings.port)"
            if let origin = request.headers[.origin], origin != "http://" + host {
                return Guard.refuse(.forbidden, "refused: a change must come from the workbench's own pages (origin \(origin))")
            }
            if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
                return Guard.refuse(.forbidden, "refused: a change must come from the workbench's own pages")
            }
        }
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        // `same-origin`, not `no-referrer`: under `no-referrer` a browser sends `Origin: null`
        // with the workbench's own forms, and the check above would refuse them.
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; form-action 'self'"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "SAMEORIGIN"
        if let setCookie { response.headers[.setCookie] = setCookie }
        return response
    }

    /// `127.0.0.1`, `localhost` or `[::1]`, with any port.
    static func loopbackHost(_ host: String) -> Bool {
        var name = host
        if name.hasPrefix("[") { name = String(name.prefix { $0 != "]" }.dropFirst()) }
        else if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        return ["127.0.0.1", "localhost", "::1"].contains(name.lowercased())
    }

    static func refuse(_ status: HTTPResponse.Status, _ why: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: why + "\n")))
    }
}
