package dev.peersteam.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may use the dashboard: whoever holds its token, from a page of its own. Checked on every request, before
 * anything else:
 *
 * <ol>
 *   <li>the {@code Host} is an IP address or {@code localhost}, never a name, so a DNS-rebinding page (whose name
 *       points here) is refused even before its missing token is;
 *   <li>the token comes as {@code ?token=} (the printed address), as {@code Authorization: Bearer} (scripts), or in
 *       the cookie set after the first load ({@code HttpOnly}, {@code SameSite=Strict}); none: 401, a wrong one:
 *       403; compared in constant time;
 *   <li>a request that changes something ({@code POST}) must also come from the dashboard's own origin
 *       ({@code Origin} equal to {@code http://} and the {@code Host}) and carry the CSRF token the page was served
 *       with ({@code X-CSRF-Token}); and it must be JSON, which no plain form can send.
 * </ol>
 *
 * No CORS header is ever sent, so no other origin can read an answer.
 */
final class Access {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Pattern HOST_NAME = Pattern.compile("(?i)localhost");

    private final String token;
    private final String csrf;
    private final String cookieName;

    Access(String token, String csrf, int port) {
        this.token = token;
        this.csrf = csrf;
        this.cookieName = "peers_team_" + port; // cookies ignore ports: one dashboard's must not replace another's
    }

    static Access random(int port) {
        return new Access(randomToken(), randomToken(), port);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String token() {
        return token;
    }

    String csrf() {
        return csrf;
    }

    /** The cookie that carries the token after the first load. */
    String cookie() {
        return cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** What a request carries that access depends on; absent headers are null. */
    record Request(
            String method,
            String host,
            String origin,
            String cookies,
            String authorization,
            String queryToken,
            String csrfHeader,
            String contentType) {
        boolean changesState() {
            return !method.equals("GET") && !method.equals("HEAD");
        }
    }

    /** Why a request is refused: the status and a short text that names no secret. */
    record Refusal(int status, String why) {}

    Optional<Refusal> check(Request request) {
        if (!hostAllowed(request.host())) {
            return refuse(
                    403,
                    "this dashboard answers only to an IP address or localhost in the address bar, not to a name"
                            + " (a page whose name points here is how DNS rebinding attacks work)");
        }
        String presented = presentedToken(request);
        if (presented == null) {
            return refuse(401, "open the address that peers-team printed, with its ?token=...");
        }
        if (!same(presented, token)) {
            return refuse(403, "wrong token: open the address that peers-team printed for this team");
        }
        if (!request.changesState()) {
            return Optional.empty();
        }
        if (request.origin() == null || !request.origin().equals("http://" + request.host())) {
            return refuse(403, "a change must come from the dashboard's own page (Origin does not match)");
        }
        if (request.csrfHeader() == null || !same(request.csrfHeader(), csrf)) {
            return refuse(403, "a change must carry the dashboard page's CSRF token");
        }
        if (request.contentType() == null
                || !request.contentType().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return refuse(415, "a change is sent as application/json");
        }
        return Optional.empty();
    }

    /** Whether {@code ?token=} opened the page, so that the cookie is set and the token leaves the address bar. */
    boolean cameWithQueryToken(Request request) {
        return request.queryToken() != null && same(request.queryToken(), token);
    }

    /** The address's token first: a cookie left by an earlier run of the dashboard on this port must not win. */
    private String presentedToken(Request request) {
        if (request.queryToken() != null) {
            return request.queryToken();
        }
        if (request.authorization() != null && request.authorization().startsWith("Bearer ")) {
            return request.authorization().substring("Bearer ".length()).strip();
        }
        return cookie(request.cookies());
    }

    private String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String pair = part.strip();
            if (pair.startsWith(cookieName + "=")) {
                return pair.substring(cookieName.length() + 1);
            }
        }
        return null;
    }

    /**
     * An IP literal (any port) or {@code localhost}: these cannot be pointed here by someone else's DNS. A host name
     * could be (DNS rebinding), so it is refused, also when this machine answers to it.
     */
    static boolean hostAllowed(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.strip();
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            if (close < 0
                    || !(close == name.length() - 1
                            || name.startsWith(":", close + 1) && port(name.substring(close + 2)))) {
                return false;
            }
            return ipLiteral(name.substring(1, close), true);
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (!port(name.substring(colon + 1))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        return HOST_NAME.matcher(name).matches() || ipLiteral(name, false);
    }

    private static boolean port(String text) {
        return !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(Character::isDigit);
    }

    /** A literal address, checked without asking DNS (only digits, dots, hex and colons get that far). */
    private static boolean ipLiteral(String text, boolean v6) {
        String allowed = v6 ? "0123456789abcdefABCDEF:." : "0123456789.";
        if (text.isEmpty() || !text.chars().allMatch(c -> allowed.indexOf(c) >= 0)) {
            return false;
        }
        if (!v6 && text.chars().filter(c -> c == '.').count() != 3) {
            return false; // "1234" would be read as an address, but no browser shows it so
        }
        try {
            InetAddress.getByName(text); // a literal: no lookup
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean same(String presented, String expected) {
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<Refusal> refuse(int status, String why) {
        return Optional.of(new Refusal(status, why));
    }
}
