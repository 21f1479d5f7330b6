/**
 * Imports every schema so that its model is registered (and its indexes built at connect)
 * whichever entry point runs. Each module adds its schema files here.
 */
import "./user/user.schema";
import "./department/department.schema";
import "./refreshToken/refreshToken.schema";
import "./auditLog/auditLog.schema";
import "./job/job.schema";
import "./schedule/schedule.schema";
import "./listEdition/listEdition.schema";
import "./listItem/listItem.schema";
import "./listLexicon/listLexicon.schema";
import "./guide/guide.schema";
import "./complaint/complaint.schema";
import "./routingRule/routingRule.schema";
import "./workOrder/workOrder.schema";
import "./upload/upload.schema";
import "./calendar/calendar.schema";
import "./counter/counter.schema";
import "./wechatToken/wechatToken.schema";
import "./post/post.schema";
import "./postVersion/postVersion.schema";
import "./subscription/subscription.schema";
import "./consent/consent.schema";
import "./notification/notification.schema";
import "./notificationDelivery/notificationDelivery.schema";
import "./message/message.schema";
import "./articleSync/articleSync.schema";
import "./typicalCase/typicalCase.schema";
import "./rectification/rectification.schema";
