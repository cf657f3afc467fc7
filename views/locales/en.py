"""English texts (the reference catalog: every key lives here)."""

TEXTS: dict[str, str] = {
    # --- menu and help
    "start.greeting": (
        "Hello, {name}! I deliver parcels across town.\n"
        "Place an order, follow it, or cancel it while that is still possible."
    ),
    "start.greeting_shop": (
        "Hello, {name}! Welcome to {shop}.\n"
        "Order from the menu, follow your order, or cancel it while that is still possible."
    ),
    "menu.new_order": "📦 New order",
    "menu.my_orders": "📋 My orders",
    "menu.help": "❓ Help",
    # /start for staff and riders: a line for each role, their work first
    "start.hello": "Hello, {name}!",
    "start.staff": "🏪 Store: the orders waiting for approval and today's numbers, a tap away.",
    "start.on_duty": "🛵 Rider: you are online, so offers come here. Keep your location shared.",
    "start.off_duty": "🛵 Rider: you are offline. Go online to get offers.",
    "start.customer_too": "📦 You can place orders of your own too.",
    "start.pending": "📋 Pending orders",
    "start.stats": "📊 Today's numbers",
    "start.online": "🟢 Go online",
    "start.offline": "⚪ Go offline",
    "start.my_jobs": "🛵 My jobs",
    "start.location": "📍 Share location",
    "help.customer": (
        "<b>Ordering</b>\n"
        "/order — place a delivery order\n"
        "/orders — your orders\n"
        "/status N — order #N with its timeline\n"
        "/cancel N — cancel order #N (before pickup)\n"
        "/received N — confirm the recipient got order #N\n"
        "/cancel — abandon the order you are writing\n"
        "/addresses — your saved addresses (delete one)\n"
        "/language — English or Korean\n"
        "/mute, /unmute — announcements off or on (order alerts always come)"
    ),
    "help.store": (
        "<b>Store</b>\n"
        "/pending — orders waiting for approval\n"
        "/approve N — approve order #N\n"
        "/reject N reason — reject order #N\n"
        "/cancel N reason — cancel order #N\n"
        "/status N — any order with its timeline\n"
        "/broadcast [riders|all] text — announce (preview first)\n"
        "/broadcast_at YYYY-MM-DD HH:MM [riders|all] text — announce later\n"
        "/broadcasts — recent announcements; cancel one\n"
        "/outbox — delivery of alerts: counts and latest failures\n"
        "/stats — today's orders by status, delivery time, riders online\n"
        "/riders — riders and their state\n"
        "/suspend ID, /reinstate ID — stop or restore a rider\n"
        "/waive N — let the rider deliver order #N without the code\n"
        "/hours [hours] — the opening hours; change them\n"
        "/pause [minutes], /resume — stop new orders for a while; take them again"
    ),
    "help.rider": (
        "<b>Rider</b>\n"
        "/online, /offline — start or end your shift (offers come while online)\n"
        "Share your location (live is best) so the nearest jobs come to you.\n"
        "/jobs — approved orders waiting for a rider\n"
        "/accept N — take order #N\n"
        "/pickup N — you picked up order #N\n"
        "/deliver N CODE — delivered: the 4-digit code you are told at the door\n"
        "/release N — give back order #N before pickup\n"
        "/myjobs — your current jobs"
    ),
    "help.menu": (
        "<b>Menu orders</b>\n"
        "/menu — order from the menu, or go back to the cart you left (delivery or pickup; "
        "cash or pay in Telegram)\n"
        "🛒 Cart — change amounts or take items out (a button under the menu once you add "
        "something)\n"
        "/cancel N — cancel order #N until the shop starts preparing it"
    ),
    "help.kitchen": (
        "<b>Kitchen and stock</b>\n"
        "/preparing N, /ready N — order #N is being made, or is made\n"
        "/handed N — the customer collected pickup order #N\n"
        "/items — the menu with stock\n"
        "/stock ITEM N — how many may still be sold (or unlimited)\n"
        "/soldout ITEM, /available ITEM — off or back on the menu\n"
        "/refunded N — you paid back a card payment\n"
        "/report — today's orders, cash and payments"
    ),
    "help.cash": "/collected N — you took the cash for order #N",
    "help.join": "/rider — become a rider",
    "command.order": "Send a parcel",
    "command.menu": "Order from the menu",
    "command.orders": "Your orders",
    "command.status": "An order and its timeline: /status N",
    "command.cancel": "Cancel an order: /cancel N",
    "command.received": "Confirm it arrived: /received N",
    "command.help": "What you can do here",
    "command.language": "English / 한국어",
    "command.mute": "No announcements (order alerts still come)",
    "command.unmute": "Announcements again",
    "command.rider": "Become a rider",
    "command.online": "Start your shift",
    "command.offline": "End your shift",
    "command.jobs": "Jobs waiting for a rider",
    "command.myjobs": "Your current jobs",
    "command.pickup": "Picked up: /pickup N",
    "command.deliver": "Delivered: /deliver N CODE",
    "command.collected": "Cash taken: /collected N",
    "command.release": "Give a job back: /release N",
    "command.pending": "Orders waiting for approval",
    "command.approve": "Approve: /approve N",
    "command.reject": "Reject: /reject N reason",
    "command.report": "Today's orders, cash and payments",
    "command.stats": "Today's numbers and riders online",
    "command.riders": "Riders and their state",
    "command.waive": "Deliver without the code: /waive N",
    "command.broadcast": "Announce to customers or riders",
    "command.broadcasts": "Recent announcements",
    "command.outbox": "How alerts are getting through",
    "command.hours": "Opening hours: see or change them",
    "command.pause": "Stop new orders for a while [minutes]",
    "command.resume": "Take orders again",
    "command.preparing": "Start making: /preparing N",
    "command.ready": "Made: /ready N",
    "command.handed": "Collected at the counter: /handed N",
    "command.items": "The menu with stock",
    "command.stock": "Set stock: /stock ITEM N",
    "command.soldout": "Sold out: /soldout ITEM",
    "command.available": "Back on the menu: /available ITEM",
    "hint.contact": (
        "Send a contact when I ask for a phone number; it answers that question."
    ),
    "hint.free_text": (
        "I didn't understand that. Send {command} to place an order, or /help to see what you "
        "can do."
    ),
    "hint.unknown_command": "I don't know {command}. Send /help to see what you can do.",
    "hint.location": (
        "Thanks, but I only need a location while you write an order. Send {command} to start "
        "one."
    ),
    "language.ask": "Choose your language:",
    "language.set": "Language set to English.",
    "button.stale": "This button is no longer active.",
    "limit.slow_down": "You're sending messages too fast. Please wait a moment and try again.",
    # --- the order wizard
    "private.only": "That works in a private chat with me: message me there.",
    "order.private_only": "To place an order, message me privately and send /order.",
    "draft.resumed": "You have an unfinished order; let's continue. (/cancel discards it.)",
    "draft.abandoned": "Order discarded. Send /order whenever you want to start again.",
    "draft.none": "You are not writing an order. To cancel an order, send /cancel N.",
    "draft.changed": "Your order changed since that summary, so nothing was placed. "
                     "Here it is as it is now.",
    "ask.size": "What size is the parcel?",
    "ask.weight": "How much does it weigh, in kg? (for example 2.5)",
    "ask.pickup": "Where should the rider pick it up? Type the address or share a location.",
    "ask.destination": "Where should it go? Type the address or share a location.",
    "ask.phone": "The recipient's phone number?",
    "ask.payment": "How will it be paid?",
    "size.small": "Small",
    "size.medium": "Medium",
    "size.large": "Large",
    "payment.cash": "Cash on delivery",
    "payment.prepaid": "Prepaid",
    "payment.cash_delivery": "Cash to the rider",  # a menu order brought by a rider
    "payment.cash_pickup": "Cash at the counter",  # a menu order collected at the counter
    "summary": (
        "<b>Your order</b>\n"
        "{details}\n"
        "<b>Price: {price}</b>\n\n"
        "Confirm to place it."
    ),
    "button.confirm": "✅ Confirm",
    "button.cancel": "✖ Cancel",
    "placed": "Order #{number} placed. The store will confirm it shortly.",
    # --- order details
    "details": (
        "Parcel: {size}, {weight} kg{heavy}\n"
        "Pickup: {pickup}\n"
        "Destination: {destination}\n"
        "Recipient: {phone}\n"
        "Payment: {payment}{paid}"
    ),
    "details.heavy": " (heavy)",
    "place.location": "📍 shared location",  # a shared point: its map buttons show where
    # map buttons under a rider's job card (views.maps)
    "map.kakao": "🗺 Kakao Map",
    "map.naver": "🗺 Naver Map",
    "map.google": "🗺 Google Maps",
    "map.pin": "Shared location",
    "price": "₩{amount:,}",
    "status.placed": "waiting for approval",
    "status.approved": "approved, finding a rider",
    "status.approved_menu": "accepted by the shop",
    "status.rejected": "rejected",
    "status.assigned": "rider assigned",
    "status.picked_up": "picked up",
    "status.delivered": "delivered",
    "status.completed": "completed",
    "status.cancelled": "cancelled",
    "status.expired": "expired (the store did not answer in time)",
    "timeline.placed": "placed",
    "timeline.approved": "approved",
    "timeline.rejected": "rejected",
    "timeline.assigned": "rider assigned",
    "timeline.picked_up": "picked up",
    "timeline.delivered": "delivered",
    "timeline.completed": "completed",
    "timeline.cancelled": "cancelled",
    "timeline.expired": "expired",
    "timeline.released": "given back",  # by the rider, before pickup
    "timeline.unassigned": "taken from the rider",  # the store suspended them
    "role.customer": "customer",
    "role.store": "store",
    "role.rider": "rider",
    "role.system": "system",
    "order.card": "<b>Order #{number}</b> — {status}\n{details}\nPrice: {price}{rider}",
    "order.store_card": (
        "🧾 <b>Order #{number}</b> from {customer} — {status}\n{details}\nPrice: {price}{rider}"
    ),
    "order.rider": "\nRider: {rider_name}",
    "order.code": "\nDelivery code for the recipient: <b>{code}</b>",
    "order.code_menu": "\nDelivery code to tell the rider: <b>{code}</b>",
    "order.arriving_about": "\n🕒 Arriving about {time}",
    "order.ready_about": "\n🕒 Ready about {time}",
    "order.eta_missing_rider": "\n🕒 Arrival time: shown once we know where the rider is",
    "order.eta_missing_map_point": (
        "\n🕒 No arrival time: an address has no point on the map, so none can be told"
    ),
    "order.late": "\n⏰ Late: promised {time}",
    "pending.late_title": "⏰ <b>Running late</b>",
    "pending.late_item": "#{number} — {status} — promised {time}",
    "list.earlier": "… and {count} earlier",
    "list.more": "… and {count} more",
    "order.timeline_title": "\n<b>Timeline</b>",
    "order.timeline_entry": "{time} — {status} ({role} {name}){reason}",
    "order.timeline_reason": ": {reason}",
    "order.list_item": "#{number} — {status} — {price}",
    "orders.title": "<b>Your orders</b> (newest first)",
    "orders.none": "You have no orders yet. Send /order to place one.",
    "orders.footer": "Send /status N for the details of order #N.",
    # --- customer actions
    "cancelled.by_you": "Order #{number} cancelled.",
    "received.thanks": "Thank you! Order #{number} is completed.",
    # --- store
    "pending.title": "<b>Waiting for approval</b>",
    "pending.none": "No orders are waiting for approval.",
    "approved.done": "Order #{number} approved.",
    "rejected.done": "Order #{number} rejected.",
    "cancelled.by_store": "Order #{number} cancelled.",
    "reject.choose": (
        "Why reject order #{number}? Pick a reason, or send /reject {number} your reason."
    ),
    "button.store_cancel": "✖ Cancel order",
    "store_cancel.choose": (
        "Why cancel order #{number}? Pick a reason (the customer reads it), or send "
        "/cancel {number} your reason."
    ),
    "store_cancel_reason.closing": "We are closing early today",
    "store_cancel_reason.unavailable": "An item is not available after all",
    "store_cancel_reason.no_rider": "No rider can take it right now",
    "store_cancel_reason.asked": "You asked us to cancel it",
    "cancel.ask": "Cancel order #{number}? Press the button again to confirm.",
    "button.cancel_yes": "✖ Yes, cancel order #{number}",
    "button.keep_order": "↩ No, keep it",
    "cancel.kept": "Order #{number} stays as it is.",
    "button.release": "↩ Give it back",
    "reject_reason.busy": "We are too busy right now",
    "reject_reason.area": "Outside our delivery area",
    "reject_reason.parcel": "We cannot carry this parcel",
    "button.approve": "✅ Approve",
    "button.approve_n": "✅ Approve #{number}",
    "button.reject_n": "✖ Reject #{number}",
    "button.reject": "✖ Reject",
    "button.prep": "✅ {minutes} min",  # approve a menu order, made in this many minutes
    "button.prep_n": "✅ #{number}: {minutes} min",
    # --- rider
    "jobs.title": "<b>Open jobs</b>",
    "jobs.none": "No jobs are waiting right now.",
    "pending.item": "#{number} — {load} — {pickup} → {destination} — {price}",
    "jobs.item": (
        "#{number} — {load} — {pickup} → {destination}{trip} — {price}"
    ),
    "jobs.trip": " ({km} km)",
    "load.parcel": "{size}, {weight} kg{heavy}",
    "load.item": "1 item",
    "load.items": "{count} items",
    "area.named": "{area}",
    "area.unknown": "📍 shared location",
    "myjobs.title": "<b>Your jobs</b>",
    "myjobs.none": "You have no jobs in progress. See /jobs.",
    "myjobs.item": "#{number} — {status} — {pickup} → {destination}",
    "accepted.done": "Order #{number} is yours.\n{details}\nCustomer: {customer}",
    "picked_up.done": "Order #{number} picked up. Deliver it to: {destination}",
    "delivered.done": "Order #{number} delivered. Thank you!",
    "code.ask": "Type the 4-digit code the recipient gives you for order #{number}.",
    "code.keypad": "🔢 Code: <b>{code}</b> — tap it in, or type it.",
    "code.ask_menu": "Type the 4-digit code the customer gives you for order #{number}.",
    "released.done": "Order #{number} given back. We are offering it to another rider.",
    "button.decline": "✖ Decline",
    "offer.taken": "Order #{number} is yours.",
    "offer.declined": "Declined. We will offer order #{number} to someone else.",
    # --- riders joining, duty and position
    "rider.ask_vehicle": (
        "Hello {name}! What will you ride? (Parcels over 10 kg need a motorbike or a "
        "car.)"
    ),
    "rider.ask_vehicle_menu": "Hello {name}! What will you ride?",
    "reject_reason.item": "An item is not available right now",
    "rider.applied": "Thanks! Your request ({vehicle}) went to the store. You will hear back here.",
    "vehicle.foot": "On foot",
    "vehicle.bicycle": "Bicycle",
    "vehicle.motorbike": "Motorbike",
    "vehicle.car": "Car",
    "vehicle.none": "not stated",
    "rider.state.applying": "applying",
    "rider.state.pending": "waiting for approval",
    "rider.state.active": "active",
    "rider.state.declined": "declined",
    "rider.state.suspended": "suspended",
    "online.done": (
        "🟢 You are online. Share your location (live is best) so the nearest jobs come "
        "to you.\n👀 While you carry an order, its customer sees your position on a map, "
        "until it is delivered."
    ),
    "online.offered": (
        "🟢 You are online. A waiting order is offered to you now.\n👀 While you carry an "
        "order, its customer sees your position on a map, until it is delivered."
    ),
    "offline.done": "⚪ You are offline. No more offers until /online.",
    "location.saved": "📍 Position updated.",
    "location.ask": (
        "Tap 📍 Send my location below. A live location (📎 → Location → Share live location) "
        "keeps the nearest jobs coming to you."
    ),
    "location.button": "📍 Send my location",
    "riders.title": "<b>Riders</b>",
    "riders.none": "No riders yet. People ask with /rider.",
    "riders.item": "{name} (ID {id}) — {vehicle} — {state}{duty}",
    "riders.online": " · 🟢 online{seen}",
    "riders.busy": " · carrying an order",
    "riders.seen": ", seen {time}",
    "riders.offline": " · offline",
    "rider.approved_done": "{name} is now a rider.",
    "rider.declined_done": "{name}'s request was declined.",
    "rider.suspended_done": "{name} is suspended.",
    "rider.reinstated_done": "{name} is a rider again.",
    "waived.done": "The code is waived for order #{number}; the rider can deliver without it.",
    "button.accept": "🛵 Accept #{number}",
    "button.picked_up": "📦 Picked up",
    "button.delivered": "✅ Delivered",
    "button.received": "✅ Confirm receipt",
    # --- alerts (sent by the notifier)
    "alert.placed": "🧾 Order #{number} placed: waiting for the store's approval.",
    "alert.new_order": "🆕 <b>New order #{number}</b> from {customer}\n{details}\nPrice: {price}",
    "alert.approved": "👍 Order #{number} approved. We are finding a rider.",
    "alert.rejected": "😔 Order #{number} was rejected: {reason}",
    "alert.assigned": (
        "🛵 Order #{number}: rider {rider_name}{vehicle} is on the way to the pickup.\n"
        "Delivery code: <b>{code}</b> — give it to the recipient; the rider needs it to "
        "hand the parcel over."
    ),
    "alert.assigned_menu": (
        "🛵 Order #{number}: rider {rider_name}{vehicle} is on the way to pick it up.\n"
        "Delivery code: <b>{code}</b> — tell it to the rider when they bring your order."
    ),
    "alert.assigned_vehicle": " ({vehicle})",
    "alert.released": (
        "🔄 Order #{number}: the rider had to give it back. We are finding another rider."
    ),
    "alert.expired": (
        "⌛ Order #{number} expired: the store could not confirm it in time. Sorry! "
        "Send {command} to try again."
    ),
    "alert.expired_store": "⌛ Order #{number} expired: nobody approved it in time.",
    "alert.store_reminder": (
        "⏰ <b>Order #{number} still waits for approval</b> ({customer})\n{details}\nPrice: {price}"
    ),
    "alert.completed_auto": (
        "🎉 Order #{number} completed automatically {hours} h after delivery, as receipt "
        "was not confirmed."
    ),
    "alert.code_locked": (
        "🔒 Order #{number} is locked: rider {rider_name} entered a wrong delivery code five "
        "times. Check with the customer, then /waive {number}."
    ),
    "alert.code_waived": (
        "🔓 Order #{number}: the store waived the code. /deliver {number} when handed "
        "over."
    ),
    "alert.dispatch_failed.no_rider": (
        "🙋 Order #{number}: no rider is available ({offers} offered so far). It is on /jobs "
        "and goes to the next rider who comes online."
    ),
    "alert.dispatch_failed.rounds": (
        "🙋 Order #{number}: offered to {offers} riders, nobody took it. It is on /jobs."
    ),
    "alert.offer": (
        "🛵 <b>New job #{number}</b> — {load}\n"
        "Pickup: {pickup}{to_pickup}\n"
        "To: {destination}{trip}\n"
        "Pay: {price} ({payment})\n"
        "⏱ {seconds} s to answer (until {until})"
    ),
    "alert.offer_to_pickup": " — {km} km from you",
    "alert.offer_trip": " — {km} km trip",
    "alert.rider_request": (
        "🙋 <b>Rider request</b>: {name} (ID {user_id}), {vehicle}"
    ),
    "alert.rider_approved": "✅ You are a rider now! Send /online to receive jobs.",
    "alert.rider_declined": "Sorry, the store declined your rider request.",
    "alert.rider_suspended": "⛔ The store suspended you as a rider. Contact them for details.",
    "alert.rider_reinstated": (
        "✅ The store reinstated you as a rider. Send /online to receive jobs."
    ),
    "alert.rider_auto_offline": (
        "⚪ Three offers in a row went unanswered, so you are offline now. "
        "/online when you are back."
    ),
    "alert.picked_up": "📦 Order #{number} picked up and on its way.",
    "requests.title": "📝 <b>Requests</b>",
    "requests.none": "📝 Any requests? Tap below, or just type a note for the rider.",
    "requests.none_pickup": "📝 Any requests? Tap below, or just type a note for the shop.",
    "requests.store_note": "To the store: {note}",
    "requests.rider_note": "To the rider: {note}",
    "requests.detail": "🏢 Unit, door code: {detail}",
    "requests.no_cutlery": "🥄 No disposable cutlery",
    "requests.ask.door": "🚪 Leave it at the door",
    "requests.ask.no_bell": "🔕 Don't ring the bell",
    "requests.ask.call": "📞 Call on arrival",
    "requests.button.door": "🚪 At the door",
    "requests.button.no_bell": "🔕 No bell",
    "requests.button.call": "📞 Call me",
    "requests.button.cutlery": "🥄 No cutlery",
    "requests.button.write_store": "✍️ To the store",
    "requests.button.write_rider": "✍️ To the rider",
    "requests.button.write_detail": "🏢 Unit, door code",
    "requests.button.back": "↩ Back",
    "requests.ask_store": "✍️ Type your note to the store (up to {max} characters).",
    "requests.ask_rider": "✍️ Type your note to the rider (up to {max} characters).",
    "requests.ask_detail": (
        "🏢 Type the building, unit and entrance code (up to {max} characters)."
    ),
    "error.note_too_long": "That note is too long (at most {max} characters).",
    "alert.rider_nearby": "🛵 Your rider is almost there with order #{number}.",
    "alert.delivered": (
        "✅ Order #{number} delivered. Please confirm the recipient got it "
        "(or send /received {number})."
    ),
    "alert.delivered_menu": (
        "✅ Order #{number} delivered. Enjoy! Please confirm you got it "
        "(or send /received {number})."
    ),
    "alert.completed": "🎉 Order #{number} completed. Thank you!",
    "alert.cancelled": "❌ Order #{number} cancelled by the {by}.{reason}",
    "alert.cancelled_store": "❌ Order #{number} cancelled by the {by}.{reason}",
    "alert.cancelled_rider": "❌ Order #{number}, your job, was cancelled by the {by}.{reason}",
    "alert.reason": " Reason: {reason}",
    # --- refusals (domain errors)
    "error.not_found": "That does not exist.",
    "error.order_not_found": "There is no order #{number}.",
    "error.not_allowed": "You cannot do that with order #{number}.",
    "error.not_your_order": "Order #{number} is not yours.",
    "error.not_your_job": "Order #{number} is not your job.",
    "error.staff_only": "Only the store's staff can do that.",
    "error.riders_only": "Only approved riders can do that.",
    "error.customers_only": "Only customers can place orders.",
    "error.invalid_transition": "Order #{number} is {status}; that cannot be done now.",
    "error.already_taken": "Sorry, order #{number} was just taken by another rider.",
    "error.already_yours": "Order #{number} is already yours.",
    "error.cannot_carry": "Order #{number} is a heavy parcel: it needs a motorbike or a car.",
    "error.being_offered": "Order #{number} is being offered to another rider right now.",
    "error.offer_gone": "This offer for order #{number} is no longer available.",
    "error.offer_unknown": "This offer is not available.",
    "error.release_after_pickup": "Order #{number} is already picked up; it cannot be given back.",
    "error.code_required": "Please add the 4-digit delivery code: /deliver {number} 1234",
    "error.wrong_code": "That code is wrong for order #{number}. {left} tries left.",
    "error.code_locked": (
        "Order #{number} is locked after five wrong codes. The store will sort it out."
    ),
    "error.not_a_rider": "You are not a rider. Send /rider to ask to become one.",
    "error.rider_name": "Please give a name of at most {max} characters: /rider Your Name",
    "error.vehicle_choose": "Please choose one of the vehicles.",
    "error.rider_request_sent": (
        "Your request is with the store; they will answer you here. To change it, send /rider "
        "again in a few minutes."
    ),
    "error.rider_declined_recently": "The store declined your request. You can ask again tomorrow.",
    "error.rider_request_replaced": "{name} has sent a newer request since; decide on that one.",
    "error.rider_already_active": "You are already a rider.",
    "error.rider_already_suspended": "You are suspended as a rider; contact the store.",
    "error.rider_application_closed": "Your request was already decided. Send /rider to ask again.",
    "error.rider_not_pending": "That rider is {state}, not waiting for a decision.",
    "error.rider_not_active": "That rider is {state}, not active.",
    "error.rider_not_suspended": "That rider is {state}, not suspended.",
    "error.rider_not_found": "There is no rider with ID {id}.",
    "error.cancel_refused_parcel": (
        "Order #{number} is {status}, so it can no longer be cancelled: a parcel can be "
        "cancelled until the rider picks it up. Contact the store if something is wrong."
    ),
    "error.cancel_refused_menu": (
        "Order #{number} is {status}, so it can no longer be cancelled: you can cancel until "
        "the shop starts preparing it (the shop itself, until a rider picks it up). "
        "Contact the shop if something is wrong."
    ),
    "error.too_many_open": (
        "You have {count} orders on their way already. Please order "
        "again once one of them has arrived."
    ),
    "error.too_many_orders": (
        "That makes {count} orders in the last hour. Please try "
        "again a little later."
    ),
    "error.released_too_often": (
        "You gave order #{number} back {count} times, so it goes to "
        "other riders now."
    ),
    "error.reason_required": "Please give a reason: /cancel {number} your reason.",
    "error.reject_reason_required": "Please give a reason: /reject {number} your reason.",
    "error.reason_too_long": "That reason is too long (at most {max} characters).",
    "error.prep_choice": "Pick how long making it takes: {choices} minutes.",
    "error.prep_menu_only": (
        "Order #{number} is a parcel: only menu orders take a preparation time."
    ),
    "error.conflict": "The order changed at the same moment. Please try again.",
    "error.size_choose": "Please choose Small, Medium or Large.",
    "error.weight_not_number": "Please send the weight as a number, like 2.5.",
    "error.weight_positive": "The weight must be more than 0 kg.",
    "error.weight_max": "We carry parcels up to {max:g} kg.",
    "error.address_empty": "The address is empty. Please type it or share a location.",
    "error.address_too_long": "That address is too long (at most {max} characters).",
    "error.phone_invalid": "That doesn't look like a phone number. Digits, like 010-1234-5678.",
    "error.payment_choose": "Please choose Cash on delivery or Prepaid.",
    "error.location_invalid": "That location is not valid.",
    "error.location_not_expected": "I need a typed answer here, not a location.",
    "error.stale_button": "That question was already answered.",
    "error.summary_changed": "That message is out of date; nothing was done.",
    "error.draft_complete": "Your order is complete: Confirm or Cancel it below.",
    "error.draft_incomplete": "Your order is not complete yet.",
    "error.no_draft": "You are not writing an order. Send /order to start one.",
    "error.language_unknown": "I speak {choices}.",
    "usage.CODE": "CODE",
    "usage.reason": "reason",
    "usage.[minutes]": "[minutes]",
    "usage.text": "text",
    "error.usage": "Usage: {usage}",
    "replay.done": "✓ Done: that was already taken care of.",
    "error.unexpected": "Sorry, something went wrong on our side. Please try again.",

    # --- delivery engine and broadcasts
    "alert.delivery_failed": (
        "⚠️ A message could not be delivered to chat {chat_id} ({kind}{order}): {error}"
    ),
    "alert.delivery_failed_order": ", order #{number}",
    "alert.outage_started": (
        "⚠️ Telegram could not be reached from {since}: alerts were held, to be sent in order "
        "once it answers again."
    ),
    "alert.outage_ended": (
        "✅ Telegram answers again since {at} (unreachable from {since}): alerts flow again; "
        "{held} held alerts are being sent now."
    ),
    "alert.store_chat_lost": (
        "⚠️ I can't post in the store's group. {why} Until that's fixed, the store's alerts "
        "come to you here."
    ),
    "alert.store_chat_lost.removed": "I was removed from it.",
    "alert.store_chat_lost.no_rights": "I'm not allowed to send messages there.",
    "alert.store_chat_lost.unknown": "Telegram doesn't know that chat: check STORE_CHAT_ID.",
    "alert.store_chat_back": (
        "✅ I can post in the store's group again: the store's alerts go there from now on."
    ),
    "alert.store_topic_gone": (
        "⚠️ I can't post in the store's topic (STORE_THREAD_ID): it is closed or gone. Until "
        "it is open again, the store's alerts go to the group's General topic."
    ),
    "alert.store_topic_back": "✅ The store's topic is open again: the store's alerts go there.",
    "alert.broadcast_report": (
        "📢 Broadcast #{id} {state}: sent {sent} of {total} · unreachable {unreachable}"
        " · failed {failed} · not sent {cancelled}"
    ),
    "broadcast.message": "📢 {text}",
    "broadcast.audience.customers": "all customers",
    "broadcast.audience.riders": "all riders",
    "broadcast.audience.all": "customers and riders",
    "broadcast.state.draft": "draft",
    "broadcast.state.scheduled": "scheduled",
    "broadcast.state.sending": "sending",
    "broadcast.state.finished": "finished",
    "broadcast.state.cancelled": "cancelled",
    "broadcast.preview": (
        "<b>Broadcast #{id}</b> to {audience}: {recipients} recipients{when}.\n"
        "It will read:\n\n{text}"
    ),
    "broadcast.when": ", at {time}",
    "broadcast.scheduled": "🕒 Broadcast #{id} to {audience} is scheduled for {time}.",
    "broadcast.progress": (
        "📤 Broadcast #{id}: sent {sent} / {total} · unreachable {unreachable}"
        " · failed {failed} · {rate}/s"
    ),
    "broadcast.finished": (
        "✅ Broadcast #{id} finished: sent {sent} of {total} · unreachable {unreachable}"
        " · failed {failed}"
    ),
    "broadcast.cancelled": (
        "🛑 Broadcast #{id} cancelled: sent {sent} of {total}; the rest will not be sent."
    ),
    "broadcast.discarded": "Broadcast #{id} discarded; nothing was sent.",
    "broadcast.list_title": "<b>Recent broadcasts</b>",
    "broadcast.list_item": "#{id} · {state} · {audience} · {sent}/{total} · {time}\n<i>{text}</i>",
    "broadcast.none": "No broadcasts yet. /broadcast your text",
    "button.send": "📤 Send",
    "button.schedule": "🕒 Schedule",
    "button.discard": "✖ Cancel",
    "button.stop": "🛑 Stop",
    "button.cancel_broadcast": "🛑 Cancel #{id}",
    "outbox.report": (
        "<b>Outbox</b>\n"
        "Pending: {pending}{oldest}\n"
        "Sent: {sent}\n"
        "Unreachable: {unreachable}\n"
        "Failed: {failed}\n"
        "Cancelled: {cancelled}"
    ),
    "outbox.oldest": " (oldest since {time})",
    "outbox.failures_title": "<b>Latest failures</b>",
    "outbox.failure": "#{id} → {chat_id} · {kind} · {state}: {error}",
    "outbox.no_failures": "No failures.",
    "mute.on": (
        "🔕 You will not receive announcements. Order alerts still arrive. /unmute undoes it."
    ),
    "mute.off": "🔔 You will receive announcements again.",
    "error.broadcast_empty": "The announcement is empty. Usage: /broadcast [riders|all] your text",
    "error.broadcast_too_long": "That announcement is too long (at most {limit} characters).",
    "error.broadcast_in_past": "That time has already passed.",
    "error.broadcast_state": "Broadcast #{id} is {state}; that cannot be done now.",
    "error.broadcast_not_found": "There is no broadcast #{id}.",
    "error.broadcast_time": "Please give the time as YYYY-MM-DD HH:MM, like 2026-12-24 09:00.",
    # --- menu orders
    "menu.menu_order": "☕ Order from the menu",
    "place.none": "—",
    "money.stars": "⭐ {amount}",
    "money.other": "{amount} {currency} (smallest unit)",
    "menu.categories": "<b>{shop}</b> — what would you like? Choose a category.",
    "menu.items": "<b>{category}</b> — choose an item.",
    "menu.sold_out_list": "\nSold out: {items}",
    "menu.left": " ({left} left)",
    "menu.ask_option": "{item}: {option}?",
    "menu.ask_quantity": "How many {item}? Choose or type a number (1–{max}).",
    "menu.added": "Added to your cart.",
    "menu.cart": "<b>Your cart</b>\n{lines}\nItems: {total}",
    "menu.line": "{quantity} × {name}{options} — {total}",
    "menu.line_options": " ({options})",
    "menu.ask_fulfilment": "How do you want to get it?",
    "menu.delivery_button": "🛵 Delivery",
    "menu.delivery_fee_button": "🛵 Delivery (+{fee})",
    "menu.pickup_button": "🏪 Pick up at the counter",
    "menu.ask_address": "Where should we deliver it? Type the address or share a location.",
    "menu.ask_phone": "Your phone number, for the rider?",
    "menu.details": "{lines}\n{how}\nPayment: {payment}{paid}",
    "menu.pickup_at": "Pickup at the counter: {shop}",
    "menu.deliver_to": "Delivery to: {destination}{phone}",
    "menu.phone": " (phone {phone})",
    "menu.fee": "\nDelivery fee: {fee}",
    "menu.paid": " (paid)",
    "menu.summary": (
        "<b>Your order</b>\n"
        "{details}\n"
        "<b>Total: {total}</b>{charge}\n\n"
        "Confirm to place it."
    ),
    "menu.charge": "\nCharged in Telegram: {amount}",
    "menu.back": "⬅ Back",
    "menu.checkout": "🧾 Check out",
    "menu.more": "➕ Add more",
    "menu.cart_button": "🛒 Cart",
    "menu.cart_view": (
        "<b>🛒 Your cart</b>\n{lines}\nItems: {total}\n\n"
        "Change a quantity with − and +, or take a line out with 🗑."
    ),
    "menu.cart_line": "{number}. {line}",
    "menu.cart_empty": "🛒 Your cart is empty.",
    "menu.abandoned": "Cart emptied. Send /menu whenever you want to order again.",
    "menu.changed": "Your cart changed since that message, so nothing was done. "
                    "Here it is as it is now.",
    "menu.resumed": "You have an unfinished order; let's continue. (/cancel discards it.)",
    "menu.parcel_only": "This shop takes parcel deliveries only. Send /order to place one.",
    "menu.menu_only": "This shop takes orders from its menu. Send /menu to order.",
    "menu.private_only": "To order, message me privately and send /menu.",
    "payment.prepaid_stars": "⭐ Pay now in Telegram",
    "payment.prepaid_card": "💳 Pay now by card",
    "payment.paused": (
        "\n(Paying in Telegram is paused for a few minutes; you can still pay in cash.)"
    ),
    # --- paying
    "invoice.title": "Order #{number}",
    "invoice.description": "{shop}: order #{number}. Pay within {minutes} minutes to place it.",
    "invoice.label": "Order #{number}",
    "invoice.failed": (
        "Paying in Telegram is not available right now, so order #{number} is not placed yet. "
        "You can pay in cash instead, or cancel it."
    ),
    "button.pay_cash": "💵 Pay cash instead",
    "button.cancel_order": "✖ Cancel order",
    "error.checkout_unknown": "This invoice does not belong to an open order.",
    "error.checkout_paid": "This order is already paid.",
    "error.checkout_closed": "This order can no longer be paid (it expired or was cancelled).",
    "error.checkout_amount": "The amount changed; please order again.",
    "payment.unmatched": (
        "We received a payment we could not match to an order. The shop has been told and "
        "will refund it."
    ),
    "cash_instead.done": "Order #{number} placed. Payment: {payment}.",
    # --- the kitchen and stock (staff)
    "button.preparing": "👩‍🍳 Start preparing",
    "button.ready": "✅ Ready",
    "button.handed": "🤝 Handed over",
    "kitchen.preparing": "Order #{number}: preparing. Mark it ready when it is made.",
    "kitchen.ready_delivery": "Order #{number} is ready; a rider is being found.",
    "kitchen.ready_pickup": "Order #{number} is ready for pickup; mark it handed over.",
    "kitchen.handed": "Order #{number} handed over: completed.",
    "stock.set": "{item}: {stock} in stock.",
    "stock.unlimited": "unlimited",
    "stock.available": "{item} is available again ({stock} in stock).",
    "stock.sold_out": "{item} is sold out now.",
    "stock.cancelled": " Orders cancelled with an apology (refunded where paid): {numbers}.",
    "stock.title": "<b>Menu</b>",
    "stock.line": "{item_key} — {name}: {state}",
    "stock.state_ok": "{stock}",
    "stock.state_sold_out": "sold out",
    "refund.settled": "Refund for order #{number} marked as paid back; the customer is told.",
    "report.title": "<b>Today ({day})</b>",
    "report.body": (
        "Orders placed: {placed}\n"
        "Completed: {completed}\n"
        "Cancelled, rejected or expired: {ended}\n"
        "Cash collected: {cash} ({cash_orders} orders)\n"
        "Cash still to collect: {cash_open} ({cash_open_orders} orders)\n"
        "Paid in Telegram: {prepaid} ({prepaid_orders} orders)\n"
        "Refunded or being refunded: {refunds} orders"
    ),
    "stats.body": (
        "Orders today: {total}{by_status}\n"
        "Completed: {completed}\n"
        "Cancelled: {cancelled}\n"
        "Delivered today: {delivered}\n"
        "Average from order to delivery: {average}\n"
        "Riders online now: {riders}"
    ),
    "stats.status_line": "\n  · {status}: {count}",
    "stats.minutes": "{minutes} min",
    "stats.no_average": "none delivered yet",
    # --- cash on delivery (riders)
    "button.collected": "💵 Cash collected ({amount})",
    "collected.done": "Cash for order #{number} recorded: {amount}.",
    "deliver.collect": "Collect {amount} in cash for order #{number}, then press the button.",
    # --- alerts about menu orders and payments
    "alert.paid_placed": "💳 Payment received. Order #{number} placed: waiting for the store.",
    "alert.approved_menu": "👍 Order #{number} accepted by the shop.",
    "alert.preparing": "👩‍🍳 Order #{number} is being prepared.",
    "alert.ready": "✅ Order #{number} is ready; we are finding a rider to bring it to you.",
    "alert.ready_pickup": "✅ Order #{number} is ready: pick it up at the counter.",
    "alert.handed": "🎉 Order #{number} handed over. Enjoy!",
    "alert.expired_unpaid": (
        "⌛ Order #{number} expired: it was not paid in time. Nothing was charged."
    ),
    "alert.sold_out": (
        "😔 Sorry! {item} just sold out, so we had to cancel order #{number}."
    ),
    "alert.refund_started": "↩ Order #{number}: refunding {amount}.",
    "alert.refund_by_store": (
        "↩ Order #{number}: the shop will pay back {amount} to your card."
    ),
    "alert.refund_to_settle": (
        "↩ Order #{number} was paid by card ({amount}) and must be refunded: pay it back "
        "through your payment provider, then send /refunded {number}."
    ),
    "alert.refunded": "✅ Order #{number}: {amount} refunded.",
    "status.awaiting_payment": "waiting for payment",
    "status.preparing": "being prepared",
    "status.ready": "ready",
    "timeline.awaiting_payment": "waiting for payment",
    "timeline.preparing": "preparing",
    "timeline.ready": "ready",
    "order.may_cancel": "\nYou can cancel it with /cancel {number}.",
    "order.cancel_rule_parcel": "\nA parcel can be cancelled until the rider picks it up.",
    "order.cancel_rule_menu": (
        "\nYou can cancel until the shop starts preparing it; after that, ask the shop."
    ),
    # --- refusals
    "error.cart_empty": "Your cart is empty: choose something first.",
    "error.cart_full": "A cart holds at most {max} lines. Check out, or /cancel to start over.",
    "error.cart_open": (
        "You are in the middle of a menu order. Finish it, or send /cancel to discard it first."
    ),
    "error.parcel_draft_open": (
        "You are in the middle of a parcel order. Finish it, or send /cancel to discard it "
        "first."
    ),
    "error.category_unknown": "That category is not on the menu any more.",
    "error.option_unknown": "That choice is not on the menu any more.",
    "error.item_unknown": "There is no item {item} on the menu. /items lists them.",
    "error.item_key_too_long": "Item keys are at most {max} characters. /items lists them.",
    "error.item_sold_out": "Sorry, {item} is sold out.",
    "error.item_short": "Sorry, only {left} {item} left. Change the quantity and try again.",
    "error.only_left": "Only {left} left, all in your cart.",
    "error.quantity_range": "Please choose a quantity from 1 to {max}.",
    "error.pickup_unavailable": "This shop delivers only; pickup is not offered.",
    "error.use_buttons": "Please use the buttons above.",
    "error.stock_count": "Please give a count of 0 or more, or 'unlimited'.",
    "error.handed_needs_pickup": "Order #{number} is a delivery: the rider hands it over.",
    "error.pickup_no_rider": "Order #{number} is collected at the counter: no rider takes it.",
    "error.not_cash": "Order #{number} is prepaid: there is no cash to collect.",
    "error.collect_after_delivery": "Record the cash for order #{number} once it is delivered.",
    "error.cash_already_collected": "The cash for order #{number} is already recorded.",
    "error.no_refund_to_settle": "Order #{number} has no card refund waiting to be settled.",
    # --- saved addresses and Order again (issue 22)
    "addresses.location": "📍 Shared location · {date}",
    "addresses.pick": "\nOr tap one you used before.",
    "addresses.title": (
        "<b>Your saved addresses</b>\n"
        "The places of your orders, offered when you order next. Tap 🗑 to delete one."
    ),
    "addresses.item": "{index}. {address}",
    "addresses.delete": "🗑 {index}",
    "addresses.none": (
        "You have no saved addresses. The places of your orders are kept here, so that next "
        "time you pick them with one tap."
    ),
    "addresses.deleted": "Address deleted.",
    "command.addresses": "Your saved addresses",
    "button.order_again": "🔁 Order again",
    "button.again_n": "🔁 #{number}",
    "again.title": "🔁 <b>Order #{number} again</b>, at today's prices and stock.",
    "again.same": "Everything is as it was.",
    "again.price": "• {item} is now {price} (was {was})",
    "again.short": "• {item}: only {left} left",
    "again.sold_out": "• {item} is sold out today, so it is left out",
    "again.gone": "• {item} is off the menu, so it is left out",
    "again.options": "• {item}: its options changed; add it again from the menu",
    "again.fee": "• Delivery is now {price} (was {was})",
    "again.fare": "• The price is now {price} (was {was})",
    "error.again_open": "Order #{number} is still on its way: order it again once it is done.",
    "again.outside_zone": "• We no longer deliver to that address: tell us where it goes again",
    "again.below_minimum": "• The minimum order is {was}: add {price} more from the menu",
    "again.no_pickup": "• Pickup at the counter is no longer offered",
    "error.order_in_progress": (
        "You are writing an order already: finish it, or send /cancel to drop it first."
    ),
    "error.address_unknown": "That saved address is no longer there.",

    # --- shop hours, pause, minimum order, delivery zone
    "error.checkout_not_taking": (
        "We're not taking orders now, so this order can't be paid. Nothing was charged. You "
        "can order it again from /orders {opens}."
    ),
    "error.checkout_not_taking_for_now": (
        "We're not taking orders now, so this order can't be paid. Nothing was charged."
    ),
    "error.shop_closed": "We're closed now. We open again {opens}.",
    "error.shop_closed_for_now": "We're closed now, sorry.",
    "error.shop_paused": "We've paused orders for a little while. We take them again {opens}.",
    "error.shop_paused_for_now": (
        "We've paused orders for a little while. Please try again a bit later."
    ),
    "error.hours_unreadable": (
        "I can't read “{part}”. Write the hours like this: "
        "<code>mon-fri 09:00-21:00; sat 10:00-18:00; sun closed</code>"
    ),
    "error.hours_too_long": "Opening hours take at most {max} characters.",
    "error.pause_minutes": (
        "Pause for 1 to {max} minutes, or send /pause alone to pause until /resume."
    ),
    "error.prices_changed": (
        "A price changed since you added it: {item} is now {price} (was {was}). The cart "
        "below has today's prices; check out again to order."
    ),
    "error.prices_changed_several": (
        "{count} prices changed since you added them, {item} now {price} (was {was}) "
        "among them. The cart below has today's prices; check out again to order."
    ),
    "error.below_minimum": (
        "The minimum order is ₩{minimum:,} (before the delivery fee). "
        "Add ₩{missing:,} more to check out."
    ),
    "error.outside_zone": (
        "That place is {km:.1f} km from us, and we deliver within {radius:g} km. Share a "
        "place within {radius:g} km, or type the address and the shop will check it."
    ),
    "coming.today": "today at {time}",
    "coming.tomorrow": "tomorrow at {time}",
    "coming.day": "on {day} at {time}",
    "shop.open": "🟢 Open: taking orders.",
    "shop.closed": "🌙 Closed by the opening hours. Orders again {opens}.",
    "shop.closed_for_now": "🌙 Closed: no day has opening hours.",
    "shop.paused": "⏸ Orders paused. They come again {opens}; /resume takes them now.",
    "shop.paused_for_now": "⏸ Orders paused until you send /resume.",
    "shop.resumed": "▶️ Pause ended.",
    "hours.title": "<b>Opening hours</b>",
    "hours.day": "{day} {ranges}",
    "hours.closed": "closed",
    "hours.always": "Open every day, all day (no opening hours set).",
    "hours.changed": "✅ Opening hours changed.",
    "hours.how": (
        "To change them: <code>/hours mon-fri 09:00-21:00; sat 10:00-18:00; sun closed</code> "
        "(18:00-02:00 runs past midnight; <code>/hours default</code> goes back to the "
        "settings)."
    ),
    "menu.delivery_from_button": "🛵 Delivery (from {fee})",
    "menu.base_fee_note": (
        "\nℹ️ A typed address pays the base delivery fee (a shared location pays by distance)."
    ),
}
