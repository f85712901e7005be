# Web Push: Settings → Reminders (this device, the member's devices) and what a device shows.

## What a device shows. Never what anyone wrote: a locked screen is seen by anyone near it.

push-title = { -brand }
push-reminders-waiting = { $count ->
    [one] A reminder is waiting for you.
   *[other] { $count } reminders are waiting for you.
}
push-reminders-news = There is news of your family.

## Settings → Reminders

push-devices-title = Notifications on your devices
push-devices-hint = Turn notifications on for each phone or computer where you want them. They say only that something is waiting, never what, and follow your quiet hours and how often you chose.
push-devices-none = No device gets notifications yet.
push-device-on = { $browser } on { $system }
push-device-named = { $name }
push-device-unknown = A browser
push-device-added = since { $date }
# Beside the device the page is read on.
push-device-this-one = this device
push-device-remove = Remove
push-device-removed = That device no longer gets notifications.
push-turn-on-here = Turn on notifications on this device
push-turn-off-here = Turn off notifications on this device
push-denied = Your browser blocks notifications from { -brand }. You can allow them in its site settings.
push-failed = That did not work. Please try again in a moment.
push-unsupported = This browser cannot show notifications from { -brand }.
push-needs-script = Notifications need JavaScript, which is off in this browser.

## Refusals of what a browser sent

push-refused-unreadable = That was not a subscription { -brand } can read.
push-refused-endpoint = The push address must be an https address of a push service.
push-refused-key = The subscription's key must be a P-256 public key of 65 bytes, in base64url.
push-refused-auth = The subscription's secret must be 16 bytes, in base64url.
